package org.imagingtriage.topology.pipeline;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.imagingtriage.topology.observability.TimedStage;

/**
 * Makes each step of {@link TriageTopology} from the dependencies, so the topology itself names
 * steps and nothing else. Every supplier returns a new processor per task, as Streams requires.
 */
final class PipelineSteps {

    private final PipelineDependencies deps;

    PipelineSteps(PipelineDependencies deps) {
        this.deps = Objects.requireNonNull(deps, "deps");
    }

    FixedKeyProcessorSupplier<byte[], byte[], TriageRecord> deserialize() {
        return () -> new DeserializeStep(deps.serdes().events().deserializer(), deps.retry(), deps.clock(),
                deps.metrics());
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> validate() {
        return ValidateStep::new;
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> checkEventIdentity() {
        return () -> imaging(TimedStage.DEIDENTIFICATION, record -> deps.imaging().gate().checkEvent(record.event()));
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> resolve() {
        return () -> imaging(TimedStage.RESOLVE,
                record -> record.imageBytes(deps.imaging().resolver().resolve(record.event())));
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> decode() {
        return () -> imaging(TimedStage.DECODE,
                record -> record.decoded(deps.imaging().decoders().decode(record.event().getFormat(),
                        record.imageBytes())));
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> checkImageIdentity() {
        return () -> imaging(TimedStage.DEIDENTIFICATION, record -> deps.imaging().gate().checkImage(record.decoded()));
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> preprocess() {
        return () -> imaging(TimedStage.PREPROCESS,
                record -> record.preprocessed(deps.imaging().preprocessor().preprocess(record.decoded())));
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> infer() {
        return () -> new InferStep(deps.inference(), deps.retry(), deps.metrics());
    }

    DraftAssembler drafts() {
        return new DraftAssembler(deps.clock(), deps.pipelineVersion(), deps.metrics());
    }

    DeadLetterAssembler deadLetters() {
        return new DeadLetterAssembler(deps.clock(), deps.metrics());
    }

    private ImagingStep imaging(TimedStage stage, ImagingStep.Work work) {
        return new ImagingStep(stage, work, deps.retry(), deps.metrics());
    }
}
