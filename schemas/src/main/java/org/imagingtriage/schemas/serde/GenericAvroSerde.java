package org.imagingtriage.schemas.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;

/** {@link Serde} for generic Avro records in the Confluent wire format. */
public final class GenericAvroSerde implements Serde<GenericRecord> {

    private final SchemaRegistryClient injectedRegistry;
    private final AvroSerializer<GenericRecord> serializer;
    private final AvroDeserializer<GenericRecord> deserializer;

    public GenericAvroSerde() {
        this(null, null);
    }

    /**
     * @param readerSchema schema to read with (Avro schema resolution from the writer's), or null
     *                     to read with the writer's schema
     * @param registry     a registry client to share, or null to create one when configured
     */
    public GenericAvroSerde(Schema readerSchema, SchemaRegistryClient registry) {
        this.injectedRegistry = registry;
        this.serializer = new AvroSerializer<>(registry);
        this.deserializer = new AvroDeserializer<>(null, readerSchema, registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.fromConfluentConfigs(configs);
        SchemaRegistryClient registry = injectedRegistry != null
                ? injectedRegistry : new SchemaRegistryClient(config.registry());
        serializer.configure(config, registry, isKey);
        deserializer.configure(config, registry);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}
