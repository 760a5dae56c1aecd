package org.imagingtriage.tests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Latency;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Provenance;
import org.imagingtriage.contract.Urgency;

/** Drafts as the pipeline writes them, marked simulated, for tests that read or review drafts. */
public final class SyntheticDrafts {

    private SyntheticDrafts() {
    }

    /** A CR draft of image {@code sop} under a new event id; URGENT ones name a critical finding. */
    public static DraftFinding draft(String sop, Urgency urgency, Priority priority) {
        return DraftFinding.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSopInstanceUid(sop)
                .setStudyInstanceUid("9")
                .setModality("CR")
                .setPriority(priority)
                .setUrgency(urgency)
                .setCriticalFindings(urgency == Urgency.URGENT ? List.of("pneumothorax") : List.of())
                .setDraftText("Findings: synthetic test draft.\nImpression: none.")
                .setDisclaimer("AI-generated draft, not a diagnosis: a qualified clinician must review it.")
                .setProvenance(Provenance.newBuilder()
                        .setModelName("medgemma-4b-it")
                        .setModelVersion("1")
                        .setPromptId("test")
                        .setPromptSha256("0".repeat(64))
                        .setInputSha256("1".repeat(64))
                        .setPreprocessingVersion("test")
                        .setPipelineVersion("test")
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
}
