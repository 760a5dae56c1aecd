package org.imagingtriage.inference.medgemma;

/**
 * The exact PROMPT text sent to the model, with its provenance.
 *
 * @param promptId the template's id, e.g. "cxr-v1"
 * @param text the full Gemma 3 chat-formatted prompt (see {@link Gemma3ChatFormat})
 * @param sha256 lower-case hex SHA-256 of {@code text} in UTF-8
 */
public record RenderedPrompt(String promptId, String text, String sha256) {

  @Override
  public String toString() {
    // The text is a template, but keep logs to the id and hash.
    return "RenderedPrompt[" + promptId + " sha256=" + sha256 + "]";
  }
}
