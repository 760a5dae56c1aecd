package org.imagingtriage.topology.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Latency;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Provenance;
import org.imagingtriage.contract.Urgency;

/** Drafts for the reviewer's tests, and Avro's own binary encoding standing in for the registry serde. */
public final class Drafts {

    public static final String DISCLAIMER = "AI-generated draft for research review only; not a diagnosis.";

    private Drafts() {
    }

    public static DraftFinding draft(String sop, Urgency urgency, Priority priority) {
        return DraftFinding.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(sop.getBytes()))
                .setSopInstanceUid(sop)
                .setStudyInstanceUid("1.2.826.0.1.3680043.10.1082.1")
                .setModality("CR")
                .setPriority(priority)
                .setUrgency(urgency)
                .setCriticalFindings(urgency == Urgency.URGENT ? List.of("pneumothorax") : List.of())
                .setDraftText("Findings: left apical pneumothorax.\nImpression: urgent review.\nLine three.\nLine four.")
                .setDisclaimer(DISCLAIMER)
                .setProvenance(Provenance.newBuilder()
                        .setModelName("medgemma-4b-it")
                        .setModelVersion("1")
                        .setPromptId("cxr-triage-v1")
                        .setPromptSha256("a".repeat(64))
                        .setInputSha256("b".repeat(64))
                        .setPreprocessingVersion("linear-minmax-v1+letterbox-pillow-v2")
                        .setPipelineVersion("0.1.0")
                        .setSimulated(true)
                        .build())
                .setLatency(Latency.newBuilder()
                        .setFeedToPipelineMs(12)
                        .setPreprocessMs(85)
                        .setInferenceMs(2010)
                        .setEndToEndMs(2150)
                        .setCreatedAt(Instant.parse("2025-11-20T10:00:00Z"))
                        .setReceivedAt(Instant.parse("2025-11-20T10:00:00.012Z"))
                        .setDraftedAt(Instant.parse("2025-11-20T10:00:02.150Z"))
                        .build())
                .build();
    }

    public static byte[] bytes(DraftFinding draft) {
        try {
            ByteBuffer buffer = draft.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Deserializer<DraftFinding> deserializer() {
        return (topic, bytes) -> {
            try {
                return DraftFinding.fromByteBuffer(ByteBuffer.wrap(bytes));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not a DraftFinding: " + e.getClass().getSimpleName());
            }
        };
    }
}
