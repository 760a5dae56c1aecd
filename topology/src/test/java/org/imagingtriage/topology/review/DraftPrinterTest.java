package org.imagingtriage.topology.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Provenance;
import org.imagingtriage.contract.Urgency;
import org.junit.jupiter.api.Test;

class DraftPrinterTest {

    private final StringWriter output = new StringWriter();
    private final DraftPrinter printer = new DraftPrinter(new PrintWriter(output, true), 2);

    private String print(DraftFinding draft) {
        printer.print(new ArrivedDraft(draft, "triage.drafts", 0, 0, 0));
        return output.toString();
    }

    @Test
    void printsEverythingAReviewerNeedsCompactly() {
        // when
        String printed = print(Drafts.draft("1.2.3.4", Urgency.URGENT, Priority.STAT));

        // then
        assertThat(printed).isEqualTo("""
                URGENT    STAT     CR  1.2.3.4  SIMULATED (Triton simulator output, not a finding)
                  critical: pneumothorax
                  | Findings: left apical pneumothorax.
                  | Impression: urgent review.
                  | (2 more lines)
                  latency ms: end-to-end 2150, feed-to-pipeline 12, preprocess 85, inference 2010
                  model: medgemma-4b-it version 1
                  disclaimer: AI-generated draft for research review only; not a diagnosis.

                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void aRealModelsDraftHasNoSimulatedMarkAndSaysWhenNoFindingIsCritical() {
        // given
        DraftFinding simulated = Drafts.draft("1.2.3.5", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding draft = DraftFinding.newBuilder(simulated)
                .setProvenance(Provenance.newBuilder(simulated.getProvenance()).setSimulated(false).build())
                .build();

        // when
        String printed = print(draft);

        // then
        assertThat(printed).doesNotContain("SIMULATED").contains("  critical: none named");
    }

    @Test
    void aDraftWithoutDisclaimerGetsOurs() {
        // given
        DraftFinding draft = DraftFinding.newBuilder(Drafts.draft("1.2.3.6", Urgency.ROUTINE, Priority.ROUTINE))
                .setDisclaimer("  ")
                .build();

        // when / then
        assertThat(print(draft)).contains("  disclaimer: " + DraftPrinter.FALLBACK_DISCLAIMER);
    }

    @Test
    void modelOutputCannotSendEscapeSequencesToTheTerminal() {
        // given a draft text that would clear the screen and retitle the window
        DraftFinding draft = DraftFinding.newBuilder(Drafts.draft("1.2.3.7", Urgency.ROUTINE, Priority.ROUTINE))
                .setDraftText("Normal.\u001b[2J\u001b]0;owned\u0007 Really.")
                .setCriticalFindings(List.of("\u001b[31mred"))
                .build();

        // when
        String printed = print(draft);

        // then
        assertThat(printed).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("  | Normal.?[2J?]0;owned? Really.", "  critical: ?[31mred");
    }
}
