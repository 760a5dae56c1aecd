package org.imagingtriage.topology.review.decision;

import org.imagingtriage.contract.ReviewDecision;

/** Writes a decision durably, or says it could not be sure it did. */
@FunctionalInterface
public interface DecisionWriter {

    /**
     * Returns once the decision is durably written.
     *
     * @throws DecisionNotWrittenException when the write failed or its outcome is unknown
     */
    void write(ReviewDecision decision);
}
