package org.imagingtriage.topology.pipeline;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
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
        return this::deserializeStep;
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> validate() {
        return ValidateStep::new;
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> checkEventIdentity() {
        return this::eventIdentityStep;
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> resolve() {
        return this::resolveStep;
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> decode() {
        return this::decodeStep;
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> checkImageIdentity() {
        return this::imageIdentityStep;
    }

    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> preprocess() {
        return this::preprocessStep;
    }

    /** One blocking call per record: the baseline. */
    FixedKeyProcessorSupplier<byte[], TriageRecord, TriageRecord> infer() {
        return () -> new InferStep(deps.inference(), deps.retry(), deps.metrics());
    }

    /** Requests in flight, answers forwarded on the stream thread; needs {@link InFlightPointers#STORE}. */
    ProcessorSupplier<byte[], TriageRecord, byte[], TriageRecord> inferAsync(Lane lane) {
        AsyncInference async = deps.async().orElseThrow(() -> new IllegalStateException(
                "async inference was configured but the pipeline was built without its dependencies"));
        return () -> new AsyncInferStep(lane, async, preparation(), deps.clock(), deps.metrics());
    }

    /**
     * The steps before inference as plain calls, in the topology's order, for records the async
     * step fetches again after a restart: they are prepared exactly as they were the first time.
     */
    RecordPreparation preparation() {
        return new RecordPreparation(deserializeStep(), List.of(
                new ValidateStep(),
                eventIdentityStep(),
                resolveStep(),
                decodeStep(),
                imageIdentityStep(),
                preprocessStep()));
    }

    DraftAssembler drafts() {
        return new DraftAssembler(deps.clock(), deps.pipelineVersion(), deps.metrics());
    }

    DeadLetterAssembler deadLetters() {
        return new DeadLetterAssembler(deps.clock(), deps.metrics());
    }

    private DeserializeStep deserializeStep() {
        return new DeserializeStep(deps.serdes().events().deserializer(), deps.retry(), deps.clock(), deps.metrics());
    }

    private ImagingStep eventIdentityStep() {
        return imaging(TimedStage.DEIDENTIFICATION, record -> deps.imaging().gate().checkEvent(record.event()));
    }

    private ImagingStep resolveStep() {
        return imaging(TimedStage.RESOLVE, record -> record.imageBytes(deps.imaging().resolver().resolve(record.event())));
    }

    private ImagingStep decodeStep() {
        return imaging(TimedStage.DECODE,
                record -> record.decoded(deps.imaging().decoders().decode(record.event().getFormat(),
                        record.imageBytes())));
    }

    private ImagingStep imageIdentityStep() {
        return imaging(TimedStage.DEIDENTIFICATION, record -> deps.imaging().gate().checkImage(record.decoded()));
    }

    private ImagingStep preprocessStep() {
        return imaging(TimedStage.PREPROCESS,
                record -> record.preprocessed(deps.imaging().preprocessor().preprocess(record.decoded())));
    }

    private ImagingStep imaging(TimedStage stage, ImagingStep.Work work) {
        return new ImagingStep(stage, work, deps.retry(), deps.metrics());
    }
}
