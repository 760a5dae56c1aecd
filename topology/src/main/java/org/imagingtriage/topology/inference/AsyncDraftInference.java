package org.imagingtriage.topology.inference;

import java.util.concurrent.CompletableFuture;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;

/**
 * Asks the model for a draft of one preprocessed image without waiting for it: the seam of the
 * async inference mode, which keeps many requests in flight so Triton's dynamic batcher can fill
 * its batches.
 */
@FunctionalInterface
public interface AsyncDraftInference {

    /**
     * Sends the request and returns at once. The future completes on a transport thread, never
     * the caller's; cancelling it cancels the call.
     *
     * <p>It fails with what {@link DraftInference#infer} throws, possibly wrapped in a
     * {@link java.util.concurrent.CompletionException}: a transient or permanent
     * {@code TritonException}, a {@link MalformedDraftException}, or an
     * {@link IllegalArgumentException} when the request cannot be built.
     */
    CompletableFuture<InferredDraft> submit(ImageEvent event, PreprocessedImage image);
}
