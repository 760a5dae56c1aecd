package org.imagingtriage.inference.medgemma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One prompt, chosen by modality and body part. The text is static (no placeholders filled
 * from events), so a prompt id always renders to the same prompt and the same SHA-256, and no
 * event field can inject text into it.
 *
 * @param id stable name recorded in every draft's provenance, e.g. "cxr-v1"; change the
 *     version whenever the text changes
 * @param modalities DICOM modality codes this template serves; empty only for the default
 * @param bodyParts DICOM body parts; empty serves the modalities whatever the body part
 */
public record PromptTemplate(
    String id, List<String> modalities, List<String> bodyParts, String systemPrompt,
    String userPrompt) {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*-v[0-9]+");
  private static final int MAX_PROMPT_CHARS = 8_000;

  /** Gemma's control tokens: in config text they would forge turn or image boundaries. */
  static final List<String> CONTROL_TOKENS =
      List.of(
          "<start_of_turn>", "<end_of_turn>", "<start_of_image>", "<end_of_image>",
          "<image_soft_token>", "<bos>", "<eos>", "<pad>");

  @JsonCreator
  public PromptTemplate(
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty("modalities") List<String> modalities,
      @JsonProperty("bodyParts") List<String> bodyParts,
      @JsonProperty(value = "systemPrompt", required = true) String systemPrompt,
      @JsonProperty(value = "userPrompt", required = true) String userPrompt) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "prompt id " + id + " must look like \"cxr-v1\" (lower-case words, then -v<number>)");
    }
    this.id = id;
    this.modalities = normalise(modalities);
    this.bodyParts = normalise(bodyParts);
    if (this.modalities.isEmpty() && !this.bodyParts.isEmpty()) {
      throw new IllegalArgumentException("prompt " + id + ": bodyParts need modalities");
    }
    this.systemPrompt = checkedText(id, "systemPrompt", systemPrompt);
    this.userPrompt = checkedText(id, "userPrompt", userPrompt);
  }

  /** Upper-case, trimmed, inner whitespace collapsed: how DICOM codes are compared. */
  static String normaliseCode(String code) {
    return code == null ? "" : code.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
  }

  static String checkedText(String id, String field, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("prompt " + id + ": " + field + " is empty");
    }
    if (text.length() > MAX_PROMPT_CHARS) {
      throw new IllegalArgumentException(
          "prompt " + id + ": " + field + " is longer than " + MAX_PROMPT_CHARS + " characters");
    }
    for (String token : CONTROL_TOKENS) {
      if (text.contains(token)) {
        throw new IllegalArgumentException(
            "prompt " + id + ": " + field + " contains the control token " + token);
      }
    }
    return text.strip();
  }

  private static List<String> normalise(List<String> codes) {
    if (codes == null) {
      return List.of();
    }
    return codes.stream()
        .map(PromptTemplate::normaliseCode)
        .peek(
            code -> {
              if (code.isEmpty()) {
                throw new IllegalArgumentException("empty modality or body part code");
              }
            })
        .distinct()
        .toList();
  }
}
