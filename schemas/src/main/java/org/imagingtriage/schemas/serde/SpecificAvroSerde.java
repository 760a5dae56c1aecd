package org.imagingtriage.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;

/** {@link Serde} for a generated Avro class in the Confluent wire format. */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SchemaRegistryClient injectedRegistry;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** For Kafka's {@code default.*.serde} configs: reads whichever generated class the writer names. */
    public SpecificAvroSerde() {
        this(null, null);
    }

    public SpecificAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** A serde that shares {@code registry} (and its caches); {@code type} may be null. */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient registry) {
        this.injectedRegistry = registry;
        this.serializer = new AvroSerializer<>(registry);
        this.deserializer = new AvroDeserializer<>(type, null, registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.fromConfluentConfigs(withSpecificReader(configs));
        SchemaRegistryClient registry = injectedRegistry != null
                ? injectedRegistry : new SchemaRegistryClient(config.registry());
        serializer.configure(config, registry, isKey);
        deserializer.configure(config, registry);
    }

    private static Map<String, ?> withSpecificReader(Map<String, ?> configs) {
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        return specific;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
