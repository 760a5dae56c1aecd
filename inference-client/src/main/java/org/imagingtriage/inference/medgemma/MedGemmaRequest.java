package org.imagingtriage.inference.medgemma;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.imagingtriage.inference.InferInput;
import org.imagingtriage.inference.InferRequest;

/**
 * Turns one preprocessed image into a medgemma-4b-it request per the model contract: IMAGE
 * UINT8 [1,896,896,3], PROMPT BYTES [1,1] (the rendered chat prompt), MAX_NEW_TOKENS INT32
 * [1,1], output DRAFT, and the Triton priority level of the event's priority. The leading 1 is
 * the batch dimension: Triton's dynamic batcher combines requests.
 */
public final class MedGemmaRequest {

  private final PromptCatalog catalog;
  private String modelName = MedGemmaContract.MODEL_NAME;
  private String modelVersion = "";
  private String requestId;
  private byte[] pixels;
  private String modality;
  private String bodyPart;
  private TriagePriority priority = TriagePriority.ROUTINE;
  private Duration queueTimeout;
  private GenerationParameters generation;

  private MedGemmaRequest(PromptCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  public static MedGemmaRequest builder(PromptCatalog catalog) {
    return new MedGemmaRequest(catalog);
  }

  public MedGemmaRequest model(String name, String version) {
    this.modelName = Objects.requireNonNull(name, "name");
    this.modelVersion = Objects.requireNonNull(version, "version");
    return this;
  }

  /** Correlates the response; the event id is a good choice (it must not carry PHI). */
  public MedGemmaRequest requestId(String requestId) {
    this.requestId = requestId;
    return this;
  }

  /** 896x896 RGB, row-major HWC, one byte per channel. */
  public MedGemmaRequest pixels(byte[] rgb) {
    this.pixels = Objects.requireNonNull(rgb, "pixels");
    return this;
  }

  public MedGemmaRequest modality(String modality) {
    this.modality = modality;
    return this;
  }

  /** May be null: prompt selection falls back to the modality. */
  public MedGemmaRequest bodyPart(String bodyPart) {
    this.bodyPart = bodyPart;
    return this;
  }

  public MedGemmaRequest priority(TriagePriority priority) {
    this.priority = Objects.requireNonNull(priority, "priority");
    return this;
  }

  /** How long Triton may queue the request before rejecting it; model default if unset. */
  public MedGemmaRequest queueTimeout(Duration timeout) {
    this.queueTimeout = timeout;
    return this;
  }

  /** Overrides the catalog's generation parameters (an operator's {@code triton.max.new.tokens}). */
  public MedGemmaRequest generation(GenerationParameters generation) {
    this.generation = Objects.requireNonNull(generation, "generation");
    return this;
  }

  public MedGemmaInput build() {
    if (pixels == null || pixels.length != MedGemmaContract.IMAGE_BYTES) {
      throw new IllegalArgumentException(
          "pixels must be " + MedGemmaContract.IMAGE_SIDE + "x" + MedGemmaContract.IMAGE_SIDE
              + "x" + MedGemmaContract.CHANNELS + " = " + MedGemmaContract.IMAGE_BYTES
              + " bytes, got " + (pixels == null ? "none" : pixels.length));
    }
    if (modality == null || modality.isBlank()) {
      throw new IllegalArgumentException("modality is required to choose a prompt");
    }
    RenderedPrompt prompt = catalog.select(modality, bodyPart);
    GenerationParameters generation = this.generation != null ? this.generation : catalog.generation();
    long side = MedGemmaContract.IMAGE_SIDE;
    InferRequest.Builder request =
        InferRequest.builder(modelName)
            .modelVersion(modelVersion)
            .priority(priority.tritonLevel())
            .input(
                InferInput.uint8(
                    MedGemmaContract.IMAGE,
                    List.of(1L, side, side, (long) MedGemmaContract.CHANNELS),
                    pixels))
            .input(InferInput.strings(MedGemmaContract.PROMPT, List.of(1L, 1L), List.of(prompt.text())))
            .input(
                InferInput.int32(
                    MedGemmaContract.MAX_NEW_TOKENS, List.of(1L, 1L), generation.maxNewTokens()))
            .requestOutput(MedGemmaContract.DRAFT);
    if (requestId != null) {
      request.id(requestId);
    }
    if (queueTimeout != null) {
      request.timeout(queueTimeout);
    }
    return new MedGemmaInput(request.build(), prompt, generation, Sha256.hex(pixels));
  }
}
