package org.imagingtriage.inference.medgemma;

import org.imagingtriage.inference.InferRequest;

/**
 * A ready-to-send MedGemma request and the provenance a draft must carry.
 *
 * @param inputSha256 lower-case hex SHA-256 of the pixel bytes sent
 */
public record MedGemmaInput(
    InferRequest request, RenderedPrompt prompt, GenerationParameters generation,
    String inputSha256) {}
