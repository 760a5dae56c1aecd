package org.imagingtriage.topology.pipeline;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.imagingtriage.topology.config.InferenceMode;
import org.imagingtriage.topology.config.TopicSettings;
import org.imagingtriage.topology.config.TriageConfig;

/**
 * The triage pipeline as one Kafka Streams topology, read top to bottom as the flow in DESIGN.md.
 *
 * <p>Every step works on a {@link TriageRecord} that keeps the record's original bytes and source
 * coordinates; a step that refuses the record marks it failed and later steps pass it through, so
 * each input ends as exactly one draft or one dead letter (with exactly_once_v2, exactly once).
 */
public final class TriageTopology {

    private TriageTopology() {
    }

    /**
     * The topology of one {@link Lane}: each lane runs as its own Streams application, so the
     * priority lane never waits behind a routine backlog.
     */
    public static Topology build(TriageConfig config, PipelineDependencies dependencies, Lane lane) {
        TopicSettings topics = config.topics();
        PipelineSteps steps = new PipelineSteps(dependencies);
        DraftAssembler drafts = steps.drafts();
        DeadLetterAssembler deadLetters = steps.deadLetters();
        // The topology sees the same Streams settings the application runs with.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsConfig())));

        // Read the lane's events as raw bytes: a record that cannot be read still dead-letters whole.
        KStream<byte[], TriageRecord> prepared = builder.stream(lane.source(topics).name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("image-events"))
                // Deserialize the Confluent-wire-format ImageEvent, remembering topic, partition and offset.
                .processValues(steps.deserialize(), Named.as("deserialize"))
                // Validate what Avro cannot: DICOM UIDs, the key, the modality code, bounded free text.
                .processValues(steps.validate(), Named.as("validate"))
                // De-identification gate, event half: identity in the event refuses it before any fetch.
                .processValues(steps.checkEventIdentity(), Named.as("deidentify-event"))
                // Resolve the image: inline bytes, or a file:// reference checked for size and SHA-256.
                .processValues(steps.resolve(), Named.as("resolve"))
                // Decode DICOM, PNG or JPEG within the pixel cap.
                .processValues(steps.decode(), Named.as("decode"))
                // De-identification gate, image half: identifying metadata inside the file refuses it.
                .processValues(steps.checkImageIdentity(), Named.as("deidentify-image"))
                // Preprocess to 896x896 RGB uint8, aspect ratio kept by letterboxing.
                .processValues(steps.preprocess(), Named.as("preprocess"));
        // Infer: MedGemma on Triton, prompt by modality and body part, priority from the event. Async
        // keeps many requests in flight, with pointers to them in a changelogged store; blocking asks
        // one at a time per stream thread, the baseline.
        KStream<byte[], TriageRecord> inferred;
        if (config.inference().mode() == InferenceMode.ASYNC) {
            builder.addStateStore(InFlightPointers.storeBuilder());
            inferred = prepared.process(steps.inferAsync(lane), Named.as("infer"), InFlightPointers.STORE);
        } else {
            inferred = prepared.processValues(steps.infer(), Named.as("infer"));
        }
        inferred.split(Named.as("outcome-"))
                // A failed record becomes a DeadLetter with its original key and value bytes.
                .branch((key, record) -> record.failed(), Branched.withConsumer(failed -> failed
                        .map((key, record) -> KeyValue.pair(record.originalKey(), deadLetters.deadLetter(record)),
                                Named.as("to-dead-letter"))
                        .to(topics.deadLetters().name(), Produced.with(Serdes.ByteArray(),
                                dependencies.serdes().deadLetters()).withName("dead-letters")), "dead-letter"))
                // Every other record is a DraftFinding for review, keyed by its SOP Instance UID.
                .defaultBranch(Branched.withConsumer(drafted -> drafted
                        .map((key, record) -> KeyValue.pair(record.event().getSopInstanceUid(), drafts.draft(record)),
                                Named.as("to-draft"))
                        .to(topics.drafts().name(), Produced.with(Serdes.String(),
                                dependencies.serdes().drafts()).withName("drafts")), "draft"));

        return builder.build();
    }
}
