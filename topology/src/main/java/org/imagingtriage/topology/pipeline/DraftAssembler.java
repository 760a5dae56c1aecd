package org.imagingtriage.topology.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.Latency;
import org.imagingtriage.contract.Provenance;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.topology.inference.InferredDraft;
import org.imagingtriage.topology.observability.TriageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a record the model answered into the {@link DraftFinding} reviewers read. */
final class DraftAssembler {

    /** The contract's fixed statement on every draft. */
    static final String DISCLAIMER = "AI-generated draft for review by a qualified clinician. It is not a diagnosis"
            + " and must not be used for patient care until a clinician has reviewed it.";

    private static final Logger LOG = LoggerFactory.getLogger(DraftAssembler.class);

    private final Clock clock;
    private final String pipelineVersion;
    private final TriageMetrics metrics;

    DraftAssembler(Clock clock, String pipelineVersion, TriageMetrics metrics) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pipelineVersion = Objects.requireNonNull(pipelineVersion, "pipelineVersion");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    DraftFinding draft(TriageRecord record) {
        ImageEvent event = record.event();
        InferredDraft answer = record.draft().orElseThrow(() -> new IllegalStateException("record has no draft"));
        long draftedAt = clock.millis();
        long createdAt = event.getCreatedAt().toEpochMilli();
        Urgency urgency = Urgency.valueOf(answer.parsed().urgency().name());
        DraftFinding draft = DraftFinding.newBuilder()
                .setEventId(event.getEventId())
                .setSopInstanceUid(event.getSopInstanceUid())
                .setStudyInstanceUid(event.getStudyInstanceUid())
                .setModality(event.getModality())
                .setPriority(event.getPriority())
                .setUrgency(urgency)
                .setCriticalFindings(answer.parsed().criticalFindings())
                .setDraftText(answer.text())
                .setDisclaimer(DISCLAIMER)
                .setProvenance(Provenance.newBuilder()
                        .setModelName(answer.modelName())
                        .setModelVersion(answer.modelVersion())
                        .setPromptId(answer.prompt().promptId())
                        .setPromptSha256(answer.prompt().sha256())
                        .setInputSha256(answer.inputSha256())
                        .setPreprocessingVersion(record.preprocessingVersion())
                        .setPipelineVersion(pipelineVersion)
                        .setSimulated(answer.simulated())
                        .build())
                .setLatency(Latency.newBuilder()
                        .setFeedToPipelineMs(record.receivedAtMillis() - createdAt)
                        .setPreprocessMs(record.preparationTime().toMillis())
                        .setInferenceMs(record.inferenceTime().toMillis())
                        .setEndToEndMs(draftedAt - createdAt)
                        .setCreatedAt(event.getCreatedAt())
                        .setReceivedAt(Instant.ofEpochMilli(record.receivedAtMillis()))
                        .setDraftedAt(Instant.ofEpochMilli(draftedAt))
                        .build())
                .build();
        metrics.draft(urgency);
        metrics.recordEndToEnd(java.time.Duration.ofMillis(draftedAt - createdAt));
        LOG.atInfo().setMessage("draft produced")
                .addKeyValue("eventId", event.getEventId())
                .addKeyValue("urgency", urgency)
                .addKeyValue("endToEndMs", draftedAt - createdAt)
                .addKeyValue("simulated", answer.simulated())
                .log();
        return draft;
    }
}
