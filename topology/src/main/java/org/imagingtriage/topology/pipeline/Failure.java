package org.imagingtriage.topology.pipeline;

import java.util.Objects;
import org.imagingtriage.contract.Stage;

/**
 * Why a record became a dead letter.
 *
 * @param reason a stable code ({@link PipelineReason} or {@code ImagingReason} constant name)
 * @param detail for operators; never a value from the event or image that could identify anyone
 * @param attempts how many times the stage ran before giving up
 */
public record Failure(Stage stage, String reason, String detail, int attempts) {

    public Failure {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
    }
}
