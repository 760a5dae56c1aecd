package org.imagingtriage.topology.pipeline;

import org.imagingtriage.inference.TritonException;
import org.imagingtriage.topology.inference.MalformedDraftException;

/**
 * The dead-letter reason for an inference that failed for good, in both inference modes. Only
 * failures of the request or the answer qualify: anything else is a bug and is thrown.
 */
final class InferenceRefusal {

    /** Triton's messages describe tensors and settings, not data; still, keep dead letters small. */
    private static final int MAX_DETAIL_CHARS = 500;

    private InferenceRefusal() {
    }

    /**
     * @param failure a permanent {@link TritonException}, a {@link MalformedDraftException}, or the
     *     {@link IllegalArgumentException} of a request that could not be built
     * @throws RuntimeException {@code failure} itself, or wrapped when checked, for anything else
     */
    static Failure of(Throwable failure, int attempts) {
        if (failure instanceof TritonException refused && !refused.isTransient()) {
            return PipelineReason.INFERENCE_REJECTED.failure(refused.code() + ": "
                    + truncate(refused.serverMessage()), attempts);
        }
        if (failure instanceof MalformedDraftException malformed) {
            return PipelineReason.MALFORMED_MODEL_OUTPUT.failure(malformed.getMessage(), attempts);
        }
        if (failure instanceof IllegalArgumentException unbuildable) {
            // MedGemmaRequest refuses what the model contract forbids, e.g. a prompt over its size cap.
            return PipelineReason.INFERENCE_REJECTED.failure("request not built: " + unbuildable.getMessage(),
                    attempts);
        }
        if (failure instanceof RuntimeException unexpected) {
            throw unexpected;
        }
        throw new IllegalStateException("inference failed with a checked " + failure.getClass().getName(), failure);
    }

    private static String truncate(String message) {
        return message.length() <= MAX_DETAIL_CHARS ? message : message.substring(0, MAX_DETAIL_CHARS) + "...";
    }
}
