package org.imagingtriage.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.schemas.registry.ScriptedRegistry;
import org.imagingtriage.schemas.registry.ScriptedRegistry.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Serde behaviour that needs precise control of the registry's answers. Round trips through a
 * real broker and a real registry are in the tests module.
 */
class AvroSerdeTest {

    private static final Schema V1 = SchemaBuilder.record("Sample").namespace("test").fields()
            .requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Sample").namespace("test").fields()
            .requiredString("id").name("size").type().longType().longDefault(-1).endRecord();

    private final ScriptedRegistry registry;

    AvroSerdeTest() throws IOException {
        registry = new ScriptedRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Map<String, Object> configs(Object... extra) {
        Map<String, Object> configs = new java.util.HashMap<>(Map.of("schema.registry.url", registry.url(),
                "max.retries", 0));
        for (int i = 0; i < extra.length; i += 2) {
            configs.put((String) extra[i], extra[i + 1]);
        }
        return configs;
    }

    @Test
    void writesMagicByteIdAndAvroBinary() {
        // given a registry that assigns id 258 to the subject's schema
        registry.on("POST", "/subjects/samples-value/versions", Answer.json(200, "{\"id\":258}"));
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(configs(), false);
        GenericRecord record = new GenericData.Record(V1);
        record.put("id", "abc");

        // when it is serialized
        byte[] bytes = serde.serializer().serialize("samples", record);

        // then: magic 0, id 258 big-endian, then Avro's encoding of "abc" (zigzag length 6, bytes)
        assertThat(bytes).containsExactly(0, 0, 0, 1, 2, 6, 'a', 'b', 'c');
    }

    @Test
    void specificRecordsRoundTripWithLogicalTypes() {
        registry.on("POST", "/subjects/imaging.dlq-value/versions", Answer.json(200, "{\"id\":11}"));
        SpecificAvroSerde<DeadLetter> serde = new SpecificAvroSerde<>(DeadLetter.class);
        serde.configure(configs(), false);
        DeadLetter letter = DeadLetter.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setStage(Stage.DECODE).setReason("CORRUPT_IMAGE")
                .setDetail("truncated JPEG stream").setSourceTopic("imaging.events").setSourcePartition(2)
                .setSourceOffset(41).setOriginalKey(ByteBuffer.wrap(new byte[] {1, 2}))
                .setOriginalValue(null).setAttempts(1).setFailedAt(Instant.ofEpochMilli(1_700_000_000_123L))
                .build();

        byte[] bytes = serde.serializer().serialize("imaging.dlq", letter);
        DeadLetter back = serde.deserializer().deserialize("imaging.dlq", bytes);

        // the id came from the registration, and the schema by id needed no second call
        assertThat(back).isEqualTo(letter);
        assertThat(back.getFailedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(registry.calls()).hasSize(1);
    }

    @Test
    void recordNameStrategyUsesTheFullName() {
        registry.on("POST", "/subjects/test.Sample/versions", Answer.json(200, "{\"id\":1}"));
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(configs("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"), false);
        GenericRecord record = new GenericData.Record(V1);
        record.put("id", "x");

        serde.serializer().serialize("any-topic", record);

        assertThat(registry.callsTo("POST", "/subjects/test.Sample/versions")).isEqualTo(1);
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsAClearError() {
        registry.on("POST", "/subjects/samples-value",
                Answer.json(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(configs("auto.register.schemas", "false"), false);
        GenericRecord record = new GenericData.Record(V1);
        record.put("id", "x");

        assertThatThrownBy(() -> serde.serializer().serialize("samples", record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject samples-value")
                .hasMessageContaining("auto.register.schemas is false");
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaAndItsId() {
        // given the subject's latest version is V2 (id 9) and the producer still builds V1 records
        registry.on("GET", "/subjects/samples-value/versions/latest", Answer.json(200,
                "{\"subject\":\"samples-value\",\"id\":9,\"version\":2,\"schema\":" + quote(V2.toString()) + "}"));
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(configs("use.latest.version", true, "auto.register.schemas", false), false);
        GenericRecord record = new GenericData.Record(V1);
        record.put("id", "x");

        // when serialized
        byte[] bytes = serde.serializer().serialize("samples", record);
        GenericRecord back = serde.deserializer().deserialize("samples", bytes);

        // then it carries id 9 and V2's default for the field V1 lacks
        assertThat(WireFormat.schemaId("samples", bytes)).isEqualTo(9);
        assertThat(back.getSchema()).isEqualTo(V2);
        assertThat(back.get("size")).isEqualTo(-1L);
    }

    @Test
    void aReaderSchemaResolvesOlderData() throws IOException {
        // given bytes written with V1 under id 1
        registry.on("GET", "/schemas/ids/1", Answer.json(200, "{\"schema\":" + quote(V1.toString()) + "}"));
        byte[] bytes = confluentBytes(1, V1, Map.of("id", "old"));
        GenericAvroSerde serde = new GenericAvroSerde(V2, null);
        serde.configure(configs(), false);

        // when read with V2 as the reader schema
        GenericRecord read = serde.deserializer().deserialize("samples", bytes);

        // then V2's default fills the new field
        assertThat(read.get("id").toString()).isEqualTo("old");
        assertThat(read.get("size")).isEqualTo(-1L);
    }

    @Test
    void badMagicByteIsNamed() {
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(configs(), false);

        assertThatThrownBy(() -> serde.deserializer().deserialize("imaging.events", new byte[] {'{', '"', 'a'}))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("unknown magic byte 123")
                .hasMessageContaining("imaging.events");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("fewer than the 5-byte");
        assertThat(registry.calls()).isEmpty();
    }

    @Test
    void corruptPayloadsFailWithoutHugeAllocations() {
        registry.on("GET", "/schemas/ids/1", Answer.json(200, "{\"schema\":" + quote(V1.toString()) + "}"));
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(configs(), false);

        // a string length of about 1 GiB, declared in 5 bytes with nothing after it
        byte[] lyingLength = {0, 0, 0, 0, 1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", lyingLength))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 1");

        // a valid datum followed by junk
        byte[] trailing = {0, 0, 0, 0, 1, 2, 'a', 9, 9};
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", trailing))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left over");
    }

    @Test
    void nullsPassThrough() {
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(configs(), false);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    static byte[] confluentBytes(int id, Schema schema, Map<String, Object> fields) throws IOException {
        GenericRecord record = new GenericData.Record(schema);
        fields.forEach(record::put);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void subjectNamesFollowConfluentStrategies() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("imaging.events", false, V1)).isEqualTo("imaging.events-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("imaging.events", true, V1)).isEqualTo("imaging.events-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("imaging.events", false, V1)).isEqualTo("test.Sample");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("e", false, V1)).isEqualTo("e-test.Sample");
        assertThat(List.of("TopicRecordNameStrategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", "topic_record_name"))
                .allSatisfy(name -> assertThat(SubjectNameStrategy.parse("k", name))
                        .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME));
        assertThatThrownBy(() -> SubjectNameStrategy.parse("value.subject.name.strategy", "Nope"))
                .hasMessageContaining("value.subject.name.strategy");
    }
}
