package org.imagingtriage.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.schemas.registry.SchemaRegistryException;

/**
 * Reads Confluent wire format records. The writer schema comes from the registry by the id in the
 * header; the reader schema is, in order: the generated class this deserializer was made for, an
 * explicit reader schema, the generated class named like the writer schema when
 * {@code specific.avro.reader} is true, else the writer schema itself (generic records).
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private final Class<T> specificType;
    private final Schema readerSchema;
    private final SchemaRegistryClient injectedRegistry;
    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private final Map<Integer, DatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

    /**
     * @param specificType generated class to read into, or null
     * @param readerSchema schema to read generic records with, or null for the writer's
     * @param registry     a registry client to share, or null to create one when configured
     */
    public AvroDeserializer(Class<T> specificType, Schema readerSchema, SchemaRegistryClient registry) {
        this.specificType = specificType;
        this.readerSchema = readerSchema;
        this.injectedRegistry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig parsed = AvroSerdeConfig.fromConfluentConfigs(configs);
        configure(parsed, injectedRegistry != null ? injectedRegistry : new SchemaRegistryClient(parsed.registry()));
    }

    /** For serdes that share one registry client between their serializer and deserializer. */
    void configure(AvroSerdeConfig config, SchemaRegistryClient registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        Objects.requireNonNull(config, "AvroDeserializer used before configure()");
        int schemaId = WireFormat.schemaId(topic, bytes);
        DatumReader<T> reader = readersBySchemaId.computeIfAbsent(schemaId, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                bytes, WireFormat.HEADER_LENGTH, bytes.length - WireFormat.HEADER_LENGTH, null);
        T datum;
        try {
            datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("record from topic " + topic + " has bytes left over after its "
                        + "schema id " + schemaId + " datum: corrupt or not written with that schema");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            // The cause's message may quote data; it stays in the cause, not in this message.
            throw new SerializationException("cannot decode a record from topic " + topic + " with schema id "
                    + schemaId + ": " + e.getClass().getSimpleName(), e);
        }
        return datum;
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> readerFor(int schemaId) {
        Schema writer = registry.schemaById(schemaId);
        try {
            if (specificType != null) {
                SpecificData data = SpecificData.getForClass(specificType);
                return new SpecificDatumReader<>(writer, data.getSchema(specificType), data);
            }
            if (readerSchema != null) {
                return new GenericDatumReader<>(writer, readerSchema, GenericData.get());
            }
            if (config.specificAvroReader()) {
                Class<?> generated = SpecificData.get().getClass(writer);
                if (generated != null) {
                    SpecificData data = SpecificData.getForClass(generated);
                    return (DatumReader<T>) new SpecificDatumReader<>(writer, data.getSchema(generated), data);
                }
            }
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        } catch (AvroTypeException e) {
            throw new SchemaRegistryException("writer schema id " + schemaId + " (" + writer.getFullName()
                    + ") cannot be read with the reader schema: " + e.getMessage(), e);
        }
    }
}
