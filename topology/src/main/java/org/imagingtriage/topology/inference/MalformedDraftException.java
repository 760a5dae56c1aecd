package org.imagingtriage.topology.inference;

/**
 * The model answered, but not with a draft: no DRAFT output, the wrong type or shape, text that
 * is not UTF-8. Sending the same request again would get the same answer, so it dead-letters.
 */
public final class MalformedDraftException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedDraftException(String message, Throwable cause) {
        super(message, cause);
    }
}
