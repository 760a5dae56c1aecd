package org.imagingtriage.topology.review;

import java.util.Objects;

/**
 * How a review ended.
 *
 * @param printed drafts printed
 * @param undeserializable records skipped because they could not be read as drafts
 */
public record ReviewOutcome(long printed, long undeserializable, StopReason reason) {

    public ReviewOutcome {
        Objects.requireNonNull(reason, "reason");
    }

    public enum StopReason {
        /** {@code --max} drafts were printed. */
        MAX_REACHED,
        /** No record arrived for {@code --timeout-ms}. */
        IDLE,
        /** Stopped from outside (Ctrl-C). */
        STOPPED
    }
}
