package org.imagingtriage.topology.pipeline;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Objects;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.topology.observability.TriageMetrics;

/** Turns a failed record into the {@link DeadLetter} that lets an operator see why and replay it. */
final class DeadLetterAssembler {

    private final Clock clock;
    private final TriageMetrics metrics;

    DeadLetterAssembler(Clock clock, TriageMetrics metrics) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    DeadLetter deadLetter(TriageRecord record) {
        Failure failure = record.failure().orElseThrow(() -> new IllegalStateException("record has not failed"));
        metrics.deadLetter(failure.stage(), failure.reason());
        return DeadLetter.newBuilder()
                .setEventId(record.eventIfRead().map(event -> event.getEventId().toString()).orElse(null))
                .setStage(failure.stage())
                .setReason(failure.reason())
                .setDetail(failure.detail())
                .setSourceTopic(record.source().topic())
                .setSourcePartition(record.source().partition())
                .setSourceOffset(record.source().offset())
                .setOriginalKey(wrap(record.originalKey()))
                .setOriginalValue(wrap(record.originalValue()))
                .setAttempts(failure.attempts())
                .setFailedAt(clock.instant())
                .build();
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
