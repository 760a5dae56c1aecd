package org.imagingtriage.topology.review.worklist;

import java.util.Objects;
import java.util.Optional;

/**
 * What one draft or decision did to the worklist.
 *
 * @param before the item as it was, empty for a new image
 * @param after the item as it is now
 */
public record WorklistChange(Optional<WorklistItem> before, WorklistItem after) {

    public WorklistChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** True when this change recorded a decision the item did not carry before. */
    public boolean newDecision() {
        return after.decision().isPresent()
                && !after.decision().equals(before.flatMap(WorklistItem::decision));
    }
}
