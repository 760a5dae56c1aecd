package org.imagingtriage.topology.pipeline;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;

/** The Avro serdes of the three contracts the pipeline reads and writes, sharing one registry client. */
public record PipelineSerdes(Serde<ImageEvent> events, Serde<DraftFinding> drafts, Serde<DeadLetter> deadLetters) {

    public PipelineSerdes {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(drafts, "drafts");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }

    /** Value serdes configured with Confluent's names ({@code TriageConfig.serdeConfig()}). */
    public static PipelineSerdes create(Map<String, ?> serdeConfig, SchemaRegistryClient registry) {
        Objects.requireNonNull(registry, "registry");
        return new PipelineSerdes(
                configured(new SpecificAvroSerde<>(ImageEvent.class, registry), serdeConfig),
                configured(new SpecificAvroSerde<>(DraftFinding.class, registry), serdeConfig),
                configured(new SpecificAvroSerde<>(DeadLetter.class, registry), serdeConfig));
    }

    private static <T> Serde<T> configured(Serde<T> serde, Map<String, ?> config) {
        serde.configure(config, false);
        return serde;
    }
}
