package org.imagingtriage.tests.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.schemas.registry.CompatibilityLevel;
import org.imagingtriage.schemas.registry.IncompatibleSchemaException;
import org.imagingtriage.schemas.registry.RegistryClientConfig;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.schemas.registry.SchemaRegistryUnreachableException;
import org.imagingtriage.schemas.registry.SubjectSchema;
import org.imagingtriage.schemas.registry.UnknownSchemaIdException;
import org.imagingtriage.schemas.serde.GenericAvroSerde;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.schemas.serde.UnknownMagicByteException;
import org.imagingtriage.schemas.serde.WireFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serde through a real in-JVM KRaft broker and a real Apicurio Registry process. */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioRegistryExtension.class})
class SerdeKafkaRegistryIT {

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registryProcess;
    private String topic;

    SerdeKafkaRegistryIT(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registryProcess) {
        this.kafka = kafka;
        this.registryProcess = registryProcess;
    }

    @BeforeEach
    void newTopic() {
        topic = TopicNames.unique("serde");
        kafka.createTopic(topic, 1);
    }

    private Map<String, Object> serdeConfig() {
        return new HashMap<>(Map.of("schema.registry.url", registryProcess.ccompatUrl()));
    }

    private <T extends SpecificRecord> SpecificAvroSerde<T> specific(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(serdeConfig(), false);
        return serde;
    }

    /** A client with empty caches, so what it returns comes from the registry itself. */
    private SchemaRegistryClient freshClient() {
        return new SchemaRegistryClient(RegistryClientConfig.forUrl(registryProcess.ccompatUrl()));
    }

    @Test
    void specificRecordsRoundTripThroughKafka() throws Exception {
        // given inline and referenced events
        List<ImageEvent> events = List.of(SampleEvents.inline(1), SampleEvents.reference(2), SampleEvents.inline(3));
        SpecificAvroSerde<ImageEvent> serde = specific(ImageEvent.class);

        // when they are produced and consumed through the broker
        KafkaRoundTrips.produce(kafka, topic, new StringSerializer(), serde.serializer(),
                events.stream().map(e -> new ProducerRecord<>(topic, e.getSopInstanceUid(), e)).toList());
        List<ConsumerRecord<String, ImageEvent>> received = KafkaRoundTrips.consume(
                kafka, topic, 3, new StringDeserializer(), specific(ImageEvent.class).deserializer());

        // then every field survives, logical types included
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(events);
        assertThat(received).extracting(ConsumerRecord::key)
                .containsExactly(events.get(0).getSopInstanceUid(), events.get(1).getSopInstanceUid(),
                        events.get(2).getSopInstanceUid());
    }

    @Test
    void genericRecordsRoundTripAndReadAsSpecific() throws Exception {
        // given a ReviewDecision built as a generic record
        Schema schema = ReviewDecision.getClassSchema();
        GenericRecord generic = new GenericData.Record(schema);
        generic.put("sopInstanceUid", "1.2.826.0.1.3680043.10.1082.1.7");
        generic.put("eventId", "6f1c7a52-2f6e-4c9e-9d1b-3f2f3c1e9a10");
        generic.put("reviewer", "reviewer-17");
        generic.put("decision", new GenericData.EnumSymbol(schema.getField("decision").schema(), "EDIT"));
        generic.put("editedText", "No acute cardiopulmonary process.");
        generic.put("decidedAt", 1_763_800_000_000L);
        GenericAvroSerde genericSerde = new GenericAvroSerde();
        genericSerde.configure(serdeConfig(), false);

        // when it is produced, then consumed both generically and as the generated class
        KafkaRoundTrips.produce(kafka, topic, new StringSerializer(), genericSerde.serializer(),
                List.of(new ProducerRecord<>(topic, "k", generic)));
        GenericRecord asGeneric = KafkaRoundTrips.consume(kafka, topic, 1, new StringDeserializer(),
                genericSerde.deserializer()).get(0).value();
        ReviewDecision asSpecific = KafkaRoundTrips.consume(kafka, topic, 1, new StringDeserializer(),
                specific(ReviewDecision.class).deserializer()).get(0).value();

        // then both views hold the same data
        assertThat(asGeneric.get("reviewer").toString()).isEqualTo("reviewer-17");
        assertThat(asGeneric.get("decidedAt")).isEqualTo(1_763_800_000_000L);
        assertThat(asSpecific.getDecision()).isEqualTo(Decision.EDIT);
        assertThat(asSpecific.getEditedText()).isEqualTo("No acute cardiopulmonary process.");
        assertThat(asSpecific.getEventId().toString()).isEqualTo("6f1c7a52-2f6e-4c9e-9d1b-3f2f3c1e9a10");
    }

    @Test
    void wireBytesAreMagicByteTheSubjectsRegistryIdAndPlainAvro() throws Exception {
        // given an event produced through the serde
        ImageEvent event = SampleEvents.inline(4);
        KafkaRoundTrips.produce(kafka, topic, new StringSerializer(), specific(ImageEvent.class).serializer(),
                List.of(new ProducerRecord<>(topic, event.getSopInstanceUid(), event)));

        // when the raw bytes are read back
        byte[] bytes = KafkaRoundTrips.consume(kafka, topic, 1, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).get(0).value();

        // then: magic byte 0, then the id the registry holds for <topic>-value
        SubjectSchema registered = freshClient().latest(topic + "-value");
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered.id());

        // and the rest is plain Avro binary that Avro alone decodes with the registry's schema
        Schema writer = freshClient().schemaById(registered.id());
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(decoded.get("sopInstanceUid").toString()).isEqualTo(event.getSopInstanceUid());
        assertThat(decoded.get("eventId").toString()).isEqualTo(event.getEventId().toString());
    }

    @Test
    void aNewerReaderSchemaReadsDataFromAnOlderProducer() throws Exception {
        // given an older ImageEvent without bodyPart and attributes (both have defaults today)
        Schema older = withoutFields(ImageEvent.getClassSchema(), "bodyPart", "attributes");
        GenericRecord old = new GenericData.Record(older);
        ImageEvent template = SampleEvents.inline(5);
        for (Schema.Field field : older.getFields()) {
            old.put(field.name(), GenericData.get().deepCopy(field.schema(),
                    toGeneric(template).get(field.name())));
        }
        GenericAvroSerde olderSerde = new GenericAvroSerde();
        olderSerde.configure(serdeConfig(), false);
        KafkaRoundTrips.produce(kafka, topic, new StringSerializer(), olderSerde.serializer(),
                List.of(new ProducerRecord<>(topic, template.getSopInstanceUid(), old)));

        // when a consumer built with today's generated class reads it
        ImageEvent read = KafkaRoundTrips.consume(kafka, topic, 1, new StringDeserializer(),
                specific(ImageEvent.class).deserializer()).get(0).value();

        // then the fields the producer did not know take their defaults
        assertThat(read.getSopInstanceUid()).isEqualTo(template.getSopInstanceUid());
        assertThat(read.getEventId()).isEqualTo(template.getEventId());
        assertThat(read.getBodyPart()).isNull();
        assertThat(read.getAttributes()).isEmpty();
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysMessage() {
        // given a subject with BACKWARD compatibility and ReviewDecision registered
        String subject = topic + "-value";
        SchemaRegistryClient client = freshClient();
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        client.register(subject, ReviewDecision.getClassSchema());

        // when a version adding a required field without a default is registered
        Schema breaking = withExtraRequiredField(ReviewDecision.getClassSchema(), "site");

        // then the registry refuses it, and the error carries its explanation
        assertThatThrownBy(() -> client.register(subject, breaking))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(subject)
                .hasMessageContaining(registryProcess.ccompatUrl())
                .satisfies(e -> assertThat(e.getMessage()).matches("(?s).*: .+"));
    }

    @Test
    void anUnknownSchemaIdIsNamed() throws Exception {
        // given bytes that claim a schema id the registry never issued
        byte[] bytes = ByteBuffer.allocate(7).put(WireFormat.header(987_654)).put(new byte[] {2, 'x'}).array();
        KafkaRoundTrips.produce(kafka, topic, new ByteArraySerializer(), new ByteArraySerializer(),
                List.of(new ProducerRecord<>(topic, null, bytes)));

        // when a consumer with our deserializer reads them
        // then it fails on that record, naming the id and the registry
        assertThatThrownBy(() -> KafkaRoundTrips.consume(kafka, topic, 1, new StringDeserializer(),
                specific(ImageEvent.class).deserializer()))
                .isInstanceOf(RecordDeserializationException.class)
                .cause()
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("unknown schema id 987654")
                .hasMessageContaining(registryProcess.ccompatUrl());
    }

    @Test
    void aBadMagicByteIsNamed() throws Exception {
        byte[] json = "{\"sopInstanceUid\":\"1.2.3\"}".getBytes(StandardCharsets.UTF_8);
        KafkaRoundTrips.produce(kafka, topic, new ByteArraySerializer(), new ByteArraySerializer(),
                List.of(new ProducerRecord<>(topic, null, json)));

        assertThatThrownBy(() -> KafkaRoundTrips.consume(kafka, topic, 1, new StringDeserializer(),
                specific(ImageEvent.class).deserializer()))
                .isInstanceOf(RecordDeserializationException.class)
                .cause()
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("unknown magic byte 123")
                .hasMessageContaining(topic);
    }

    @Test
    void aRegistryThatIsDownIsReportedWithItsUrl() throws IOException {
        // given a serde pointed at a registry address where nothing answers
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String downUrl = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(Map.of("schema.registry.url", downUrl, "max.retries", 1, "retries.wait.ms", 10), false);

        // then serializing fails as unreachable, naming the URL
        assertThatThrownBy(() -> serde.serializer().serialize(topic, SampleEvents.inline(6)))
                .isInstanceOf(SerializationException.class)
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageContaining("unreachable at " + downUrl);
    }

    /** The event as generic data: encoded with the generated class, decoded generically. */
    private static GenericRecord toGeneric(ImageEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(ImageEvent.class).write(event, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(ImageEvent.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static Schema withoutFields(Schema schema, String... names) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree(schema.toString());
        ArrayNode kept = json.createArrayNode();
        List<String> drop = List.of(names);
        node.withArray("fields").forEach(f -> {
            if (!drop.contains(f.path("name").asText())) {
                kept.add(f);
            }
        });
        node.set("fields", kept);
        return new Schema.Parser().parse(node.toString());
    }

    private static Schema withExtraRequiredField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), "a new required field", (Object) null));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
