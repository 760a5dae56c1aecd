package org.imagingtriage.inference.medgemma;

/**
 * Renders a single-turn MedGemma prompt in Gemma 3's chat format, as the model's own chat
 * template would for a system message and a user message of text followed by one image (the
 * order of MedGemma's model card).
 *
 * <p>Gemma 3 has no system role: the system text opens the first user turn, followed by a blank
 * line. The image is the single marker {@value #IMAGE_MARKER}; the Gemma 3 processor (and vLLM)
 * replaces it with the 256 image tokens and their surrounding line breaks. The rendered text
 * does not start with {@code <bos>}: the tokenizer adds it when it tokenizes the prompt, and a
 * second one would degrade the output.
 */
public final class Gemma3ChatFormat {

  public static final String IMAGE_MARKER = "<start_of_image>";
  static final String START_OF_TURN = "<start_of_turn>";
  static final String END_OF_TURN = "<end_of_turn>";

  private Gemma3ChatFormat() {}

  public static String render(String systemPrompt, String userText) {
    return START_OF_TURN + "user\n"
        + systemPrompt.strip() + "\n\n"
        + userText.strip()
        + IMAGE_MARKER
        + END_OF_TURN + "\n"
        + START_OF_TURN + "model\n";
  }
}
