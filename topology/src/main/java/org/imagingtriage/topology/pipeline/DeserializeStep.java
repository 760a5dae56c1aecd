package org.imagingtriage.topology.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.avro.AvroTypeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.schemas.registry.SchemaRegistryException;
import org.imagingtriage.schemas.registry.SchemaRegistryUnreachableException;
import org.imagingtriage.schemas.registry.UnknownSchemaIdException;
import org.imagingtriage.schemas.serde.UnknownMagicByteException;
import org.imagingtriage.topology.observability.TimedStage;
import org.imagingtriage.topology.observability.TriageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step: wraps the raw record in a {@link TriageRecord} (its bytes and source
 * coordinates kept for a dead letter) and reads the {@link ImageEvent}.
 *
 * <p>The topology reads bytes, not events, so that a record that cannot be read still becomes a
 * dead letter with its original bytes instead of stopping the application. An unreachable
 * registry is not the record's fault: it is retried, never dead-lettered.
 */
final class DeserializeStep implements FixedKeyProcessor<byte[], byte[], TriageRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DeserializeStep.class);
    private static final int WIRE_HEADER_BYTES = 5;
    private static final String STAGE = "deserialize";

    private final Deserializer<ImageEvent> deserializer;
    private final TransientRetry retry;
    private final Clock clock;
    private final TriageMetrics metrics;
    private FixedKeyProcessorContext<byte[], TriageRecord> context;

    DeserializeStep(Deserializer<ImageEvent> deserializer, TransientRetry retry, Clock clock, TriageMetrics metrics) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], TriageRecord> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "deserialize must read directly from a source topic"));
        SourceCoordinates source = new SourceCoordinates(metadata.topic(), metadata.partition(), metadata.offset());
        context.forward(record.withValue(read(record.key(), record.value(), source)));
    }

    /** Wraps the record read at {@code source} and reads its event; a refusal marks it failed. */
    TriageRecord read(byte[] key, byte[] value, SourceCoordinates source) {
        TriageRecord triage = new TriageRecord(key, value, source, clock.millis());
        read(triage);
        return triage;
    }

    private void read(TriageRecord triage) {
        byte[] value = triage.originalValue();
        if (value == null) {
            fail(triage, PipelineReason.TOMBSTONE.failure("the record's value is null", 1));
            return;
        }
        // Checked here rather than inferred from the serde's message, so the reason is exact.
        if (value.length < WIRE_HEADER_BYTES || value[0] != 0) {
            fail(triage, PipelineReason.NOT_WIRE_FORMAT.failure("value of " + value.length
                    + " bytes does not start with magic byte 0 and a 4-byte schema id", 1));
            return;
        }
        try {
            ImageEvent event = retry.run(triage, STAGE,
                    () -> deserializer.deserialize(triage.source().topic(), value), DeserializeStep::isTransient);
            triage.event(event);
            Duration feedToPipeline = Duration.ofMillis(triage.receivedAtMillis() - event.getCreatedAt().toEpochMilli());
            triage.addTiming(TimedStage.FEED_TO_PIPELINE, feedToPipeline);
            metrics.recordStage(TimedStage.FEED_TO_PIPELINE, feedToPipeline);
        } catch (RuntimeException e) {
            if (e instanceof StillTransientException) {
                throw e;
            }
            fail(triage, classify(e, triage.attempts()));
        } catch (Exception e) {
            throw new IllegalStateException("deserializer threw a checked " + e.getClass().getName(), e);
        }
    }

    private static boolean isTransient(Exception failure) {
        if (failure instanceof SchemaRegistryUnreachableException) {
            return true;
        }
        // 5xx and throttling: the registry is there but cannot answer now.
        return failure instanceof SchemaRegistryException registry
                && !(failure instanceof UnknownSchemaIdException)
                && (registry.httpStatus() >= 500 || registry.httpStatus() == 429);
    }

    private static Failure classify(RuntimeException e, int attempts) {
        if (e instanceof UnknownMagicByteException) {
            return PipelineReason.NOT_WIRE_FORMAT.failure(e.getMessage(), attempts);
        }
        if (e instanceof UnknownSchemaIdException unknown) {
            return PipelineReason.UNKNOWN_SCHEMA_ID.failure("schema id " + unknown.schemaId()
                    + " is not registered", attempts);
        }
        if (e instanceof SchemaRegistryException || causedBy(e, AvroTypeException.class)) {
            return PipelineReason.INCOMPATIBLE_SCHEMA.failure(firstLine(e.getMessage()), attempts);
        }
        if (e instanceof SerializationException) {
            // The serde keeps data out of its messages; causes may quote it, so they are not used.
            return PipelineReason.MALFORMED_RECORD.failure(firstLine(e.getMessage()), attempts);
        }
        return PipelineReason.MALFORMED_RECORD.failure("reading the event failed: " + e.getClass().getSimpleName(),
                attempts);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private void fail(TriageRecord triage, Failure failure) {
        LOG.atWarn().setMessage("record refused")
                .addKeyValue("topic", triage.source().topic())
                .addKeyValue("partition", triage.source().partition())
                .addKeyValue("offset", triage.source().offset())
                .addKeyValue("stage", failure.stage())
                .addKeyValue("reason", failure.reason())
                .log();
        triage.fail(failure);
    }
}
