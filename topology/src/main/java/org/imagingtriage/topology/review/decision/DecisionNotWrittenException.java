package org.imagingtriage.topology.review.decision;

/**
 * A decision write that failed or timed out: it may or may not have landed, so a retry of the
 * same action must first find out (see {@link DecisionDesk}).
 */
public final class DecisionNotWrittenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DecisionNotWrittenException(String message, Throwable cause) {
        super(message, cause);
    }
}
