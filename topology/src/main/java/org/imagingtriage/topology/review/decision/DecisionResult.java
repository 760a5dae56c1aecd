package org.imagingtriage.topology.review.decision;

import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.topology.review.worklist.WorklistItem;

/**
 * What became of a reviewer action.
 *
 * @param item the draft as the worklist holds it now; empty only for {@link Outcome#UNKNOWN_DRAFT}
 */
public record DecisionResult(Outcome outcome, Optional<WorklistItem> item) {

    public DecisionResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(item, "item");
    }

    public enum Outcome {
        /** Written to the reviews topic now. */
        RECORDED,
        /** This very action (same decision id) was written before: a retry, nothing written again. */
        ALREADY_RECORDED,
        /** The draft already carries another action's decision. */
        ALREADY_DECIDED,
        /** The image has a newer draft than the one the reviewer decided on. */
        SUPERSEDED,
        /** No draft of that image on the worklist. */
        UNKNOWN_DRAFT
    }
}
