package org.imagingtriage.devstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Latency;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Provenance;
import org.imagingtriage.contract.Urgency;
import org.junit.jupiter.api.Test;

class LatencyTableTest {

    @Test
    void percentilesAreNearestRankOverTheDraftsSeen() {
        // given: end-to-end 10, 20, ..., 100 ms
        LatencyTable table = new LatencyTable();
        for (int i = 1; i <= 10; i++) {
            table.add(draft(i, 2L * i, 5L * i, 10L * i));
        }

        // when / then
        assertThat(table.count()).isEqualTo(10);
        assertThat(table.percentile("end to end", 50)).isEqualTo(50);
        assertThat(table.percentile("end to end", 95)).isEqualTo(100);
        assertThat(table.percentile("inference", 50)).isEqualTo(25);
        assertThat(table.percentile("feed to pipeline", 100)).isEqualTo(10);
    }

    @Test
    void printsOneRowPerComponent() {
        // given
        LatencyTable table = new LatencyTable();
        table.add(draft(3, 4, 50, 60));
        StringWriter text = new StringWriter();

        // when
        table.print(new PrintWriter(text, true));

        // then
        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Latency over 1 drafts (ms)");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5)).startsWith("  end to end").contains("60");
    }

    @Test
    void saysSoWhenThereIsNothingToSummarise() {
        // given
        StringWriter text = new StringWriter();

        // when
        new LatencyTable().print(new PrintWriter(text, true));

        // then
        assertThat(text.toString()).contains("No drafts");
    }

    private static DraftFinding draft(long feed, long preprocess, long inference, long endToEnd) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        return DraftFinding.newBuilder()
                .setEventId(UUID.randomUUID()).setSopInstanceUid("1.2.3").setStudyInstanceUid("1.2")
                .setModality("CR").setPriority(Priority.ROUTINE).setUrgency(Urgency.ROUTINE)
                .setDraftText("text").setDisclaimer("disclaimer")
                .setProvenance(Provenance.newBuilder().setModelName("m").setModelVersion("1").setPromptId("p")
                        .setPromptSha256("0".repeat(64)).setInputSha256("0".repeat(64))
                        .setPreprocessingVersion("v").setPipelineVersion("v").setSimulated(true).build())
                .setLatency(Latency.newBuilder().setFeedToPipelineMs(feed).setPreprocessMs(preprocess)
                        .setInferenceMs(inference).setEndToEndMs(endToEnd).setCreatedAt(created)
                        .setReceivedAt(created.plusMillis(feed)).setDraftedAt(created.plusMillis(endToEnd)).build())
                .build();
    }
}
