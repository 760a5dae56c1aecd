package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The simulated MedGemma draft: marked, structured, a function of the image. */
class TritonSimulatedDraftTest {

    @Test
    void draftIsMarkedAndStructured() {
        String draft = SimulatedDraft.forImage(new byte[] {1, 2, 3});

        assertThat(draft.lines().toList()).hasSize(5).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("[SIMULATED — not a model output]");
            assertThat(lines.get(1)).startsWith("FINDINGS: ");
            assertThat(lines.get(2)).startsWith("IMPRESSION: ");
            assertThat(lines.get(3)).matches("URGENCY: (URGENT|ROUTINE)");
            assertThat(lines.get(4)).startsWith("CRITICAL_FINDINGS: ");
        });
    }

    @Test
    void urgentDraftsNameCriticalFindingsAndRoutineOnesNone() {
        Set<String> urgencies = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            String draft = SimulatedDraft.forImage(new byte[] {(byte) i, 42});
            boolean urgent = draft.contains("\nURGENCY: URGENT\n");
            urgencies.add(urgent ? "URGENT" : "ROUTINE");
            assertThat(draft.contains("\nCRITICAL_FINDINGS: none\n")).isEqualTo(!urgent);
        }
        assertThat(urgencies).containsExactlyInAnyOrder("URGENT", "ROUTINE");
    }

    @Test
    void sameImageSameDraftOtherImageOtherReference() {
        assertThat(SimulatedDraft.forImage(new byte[] {9})).isEqualTo(SimulatedDraft.forImage(new byte[] {9}))
                .isNotEqualTo(SimulatedDraft.forImage(new byte[] {10}));
    }
}
