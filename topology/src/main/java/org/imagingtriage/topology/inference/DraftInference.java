package org.imagingtriage.topology.inference;

import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.inference.TritonException;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;

/**
 * Asks the model for a draft of one preprocessed image and waits for it.
 *
 * <p>The blocking seam of the pipeline: one call per record, so concurrency equals the number of
 * stream threads. The async-inference issue replaces it with many requests in flight and keeps
 * this one as the baseline it is measured against.
 */
@FunctionalInterface
public interface DraftInference {

    /**
     * @throws TritonException {@code TransientTritonException} when the same request may succeed
     *     later (the caller retries, never dead-letters), {@code PermanentTritonException} when it
     *     cannot
     * @throws MalformedDraftException when the model answered with something that is not a draft
     */
    InferredDraft infer(ImageEvent event, PreprocessedImage image);
}
