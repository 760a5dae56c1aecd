package org.imagingtriage.inference.medgemma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gemma3ChatFormatTest {

  @Test
  void rendersOneUserTurnWithTheSystemTextFirstAndTheImageAfterTheText() {
    // when
    String prompt = Gemma3ChatFormat.render(" You are an expert radiologist. ", "Describe this X-ray\n");

    // then it is what Gemma 3's chat template renders for [system, user(text, image)],
    // without <bos>, which the tokenizer adds
    assertThat(prompt)
        .isEqualTo(
            "<start_of_turn>user\n"
                + "You are an expert radiologist.\n\n"
                + "Describe this X-ray<start_of_image><end_of_turn>\n"
                + "<start_of_turn>model\n");
  }

  @Test
  void thereIsExactlyOneImageMarker() {
    String prompt = Gemma3ChatFormat.render("s", "u");

    assertThat(prompt.split("<start_of_image>", -1)).hasSize(2);
    assertThat(prompt).doesNotContain("<bos>");
  }
}
