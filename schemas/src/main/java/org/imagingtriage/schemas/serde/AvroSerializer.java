package org.imagingtriage.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.schemas.registry.SubjectSchema;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format, obtaining the schema id
 * from the registry as Confluent's serializer does: {@code use.latest.version} writes with the
 * subject's latest schema, otherwise {@code auto.register.schemas} registers the record's schema,
 * otherwise the record's schema must already be registered under the subject.
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private final SchemaRegistryClient injectedRegistry;
    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** A serializer that creates its own registry client when configured. */
    public AvroSerializer() {
        this(null);
    }

    /** A serializer that shares {@code registry} (and its caches) with other serdes. */
    public AvroSerializer(SchemaRegistryClient registry) {
        this.injectedRegistry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig parsed = AvroSerdeConfig.fromConfluentConfigs(configs);
        configure(parsed, injectedRegistry != null ? injectedRegistry : new SchemaRegistryClient(parsed.registry()),
                isKey);
    }

    /** For serdes that share one registry client between their serializer and deserializer. */
    void configure(AvroSerdeConfig config, SchemaRegistryClient registry, boolean isKey) {
        this.config = config;
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Objects.requireNonNull(config, "AvroSerializer used before configure()");
        Schema recordSchema = data.getSchema();
        String subject = config.subjectStrategy(isKey).subject(topic, isKey, recordSchema);

        Schema writerSchema = recordSchema;
        Object datum = data;
        int schemaId;
        if (config.useLatestVersion()) {
            SubjectSchema latest = registry.latest(subject);
            schemaId = latest.id();
            writerSchema = latest.schema();
            if (!sameParsingForm(recordSchema, writerSchema)) {
                datum = convertToLatest(data, recordSchema, latest);
            }
        } else if (config.autoRegisterSchemas()) {
            schemaId = registry.register(subject, recordSchema);
        } else {
            schemaId = registry.lookup(subject, recordSchema)
                    .orElseThrow(() -> new SerializationException("schema " + recordSchema.getFullName()
                            + " is not registered under subject " + subject + " at " + registry.displayUrl()
                            + " and auto.register.schemas is false"))
                    .id();
        }
        return encode(schemaId, writerSchema, datum);
    }

    private byte[] encode(int schemaId, Schema writerSchema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(schemaId));
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(writerSchema, datum).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode a " + writerSchema.getFullName()
                    + " with schema id " + schemaId + ": " + e.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }

    private DatumWriter<Object> writerFor(Schema schema, Object datum) {
        return writers.computeIfAbsent(schema, s -> datum instanceof SpecificRecord
                ? new SpecificDatumWriter<>(s, SpecificData.getForSchema(s))
                : new GenericDatumWriter<>(s, GenericData.get()));
    }

    /**
     * The record re-expressed in the subject's latest schema. Writing a record with a schema it was
     * not built for would misplace fields, so it is encoded with its own schema and read back
     * through Avro's schema resolution, which fails loudly when the latest schema cannot read it.
     */
    private Object convertToLatest(T data, Schema recordSchema, SubjectSchema latest) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), recordSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("use.latest.version: version " + latest.version() + " of subject "
                    + latest.subject() + " cannot read records of this " + recordSchema.getFullName() + ": "
                    + compatibility.getDescription());
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(recordSchema, data).write(data, encoder);
            encoder.flush();
            return new GenericDatumReader<>(recordSchema, latest.schema(), GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("use.latest.version: cannot convert a " + recordSchema.getFullName()
                    + " to version " + latest.version() + " of subject " + latest.subject(), e);
        }
    }

    private static boolean sameParsingForm(Schema a, Schema b) {
        return SchemaNormalization.parsingFingerprint64(a) == SchemaNormalization.parsingFingerprint64(b);
    }
}
