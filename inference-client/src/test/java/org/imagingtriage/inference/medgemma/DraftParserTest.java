package org.imagingtriage.inference.medgemma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DraftParserTest {

  private final DraftParser parser = new DraftParser();

  @Test
  void readsThePlainFormatThePromptAsksFor() {
    // given
    String text =
        """
        FINDINGS: Large left pneumothorax with mediastinal shift to the right.
        IMPRESSION: Tension pneumothorax.
        URGENCY: URGENT
        CRITICAL_FINDINGS: tension pneumothorax, mediastinal shift
        """;

    // when
    ParsedDraft draft = parser.parse(text);

    // then
    assertThat(draft.urgency()).isEqualTo(Urgency.URGENT);
    assertThat(draft.criticalFindings()).containsExactly("tension pneumothorax", "mediastinal shift");
    assertThat(draft.findings()).isEqualTo("Large left pneumothorax with mediastinal shift to the right.");
    assertThat(draft.impression()).isEqualTo("Tension pneumothorax.");
    assertThat(draft.structured()).isTrue();
  }

  @Test
  void readsMarkdownHeadingsBulletsAndSurroundingChatter() {
    // given the kind of markdown chat models like to write
    String text =
        """
        Sure! Here is the report.

        ## **Findings**
        - Clear lungs.
        - Normal heart size.

        **Impression:** No acute cardiopulmonary abnormality.

        **URGENCY:** routine

        ### Critical findings:
        * None.

        Let me know if you need anything else.
        """;

    // when
    ParsedDraft draft = parser.parse(text);

    // then
    assertThat(draft.urgency()).isEqualTo(Urgency.ROUTINE);
    assertThat(draft.criticalFindings()).isEmpty();
    assertThat(draft.findings()).isEqualTo("Clear lungs.\nNormal heart size.");
    assertThat(draft.impression()).startsWith("No acute cardiopulmonary abnormality.");
  }

  @Test
  void readsACriticalFindingsList() {
    String text =
        """
        URGENCY: Urgent
        CRITICAL_FINDINGS:
        1. Free air under the diaphragm.
        2. **Dilated bowel loops**
        """;

    ParsedDraft draft = parser.parse(text);

    assertThat(draft.urgency()).isEqualTo(Urgency.URGENT);
    assertThat(draft.criticalFindings())
        .containsExactly("Free air under the diaphragm", "Dilated bowel loops");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          URGENCY: URGENT                       | URGENT
          urgency - emergent                    | URGENT
          Urgency: STAT                         | URGENT
          URGENCY: ROUTINE                      | ROUTINE
          URGENCY: non-urgent                   | ROUTINE
          URGENCY: not urgent                   | ROUTINE
          URGENCY: URGENT or ROUTINE            | UNCERTAIN
          URGENCY: unclear                      | UNCERTAIN
          URGENCY:                              | UNCERTAIN
          The findings are urgent.              | UNCERTAIN
          ''                                    | UNCERTAIN
          """)
  void urgencyValues(String line, Urgency expected) {
    assertThat(parser.parse(line).urgency()).isEqualTo(expected);
  }

  @Test
  void contradictoryUrgencyLinesAreUncertain() {
    String text = "URGENCY: ROUTINE\nIMPRESSION: normal\nURGENCY: URGENT";

    assertThat(parser.parse(text).urgency()).isEqualTo(Urgency.UNCERTAIN);
  }

  @Test
  void routineWithCriticalFindingsIsUncertain() {
    // given a model that calls an image routine yet lists a critical finding
    String text = "URGENCY: ROUTINE\nCRITICAL_FINDINGS: pneumothorax";

    // then a human decides
    ParsedDraft draft = parser.parse(text);
    assertThat(draft.urgency()).isEqualTo(Urgency.UNCERTAIN);
    assertThat(draft.criticalFindings()).containsExactly("pneumothorax");
  }

  @Test
  void unstructuredOrMissingTextIsUncertain() {
    assertThat(parser.parse(null).urgency()).isEqualTo(Urgency.UNCERTAIN);
    ParsedDraft free = parser.parse("This chest X-ray looks urgent to me.");
    assertThat(free.urgency()).isEqualTo(Urgency.UNCERTAIN);
    assertThat(free.structured()).isFalse();
  }

  @Test
  void hugeOutputIsBounded() {
    // given a runaway list of findings on one line
    StringBuilder many = new StringBuilder("x".repeat(500));
    for (int i = 0; i < 100; i++) {
      many.append(", finding ").append(i);
    }
    String text = "URGENCY: URGENT\nCRITICAL_FINDINGS: " + many;

    ParsedDraft draft = parser.parse(text);

    assertThat(draft.criticalFindings()).hasSize(DraftParser.MAX_CRITICAL_FINDINGS);
    assertThat(draft.criticalFindings().get(0)).hasSize(DraftParser.MAX_FINDING_CHARS);
  }
}
