package org.imagingtriage.topology.inference;

import java.time.Duration;
import java.util.Objects;
import org.imagingtriage.inference.medgemma.ParsedDraft;
import org.imagingtriage.inference.medgemma.RenderedPrompt;

/**
 * What the model answered for one image, with what a draft's provenance needs.
 *
 * @param text the model's whole output, as the reviewer will read it
 * @param modelVersion the version that served the request (Triton's response, else its metadata)
 * @param inputSha256 SHA-256 of the pixel bytes sent
 * @param simulated true when the Triton simulator answered: its text is not a finding at all
 * @param duration the successful call, from sending to the answer
 */
public record InferredDraft(ParsedDraft parsed, String text, String modelName, String modelVersion,
                            RenderedPrompt prompt, String inputSha256, boolean simulated, Duration duration) {

    public InferredDraft {
        Objects.requireNonNull(parsed, "parsed");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(inputSha256, "inputSha256");
        Objects.requireNonNull(duration, "duration");
    }
}
