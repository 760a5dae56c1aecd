package org.imagingtriage.tests.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.schemas.registry.RegistryClientConfig;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's own client is the judge of wire compatibility: Debian's python3-confluent-kafka
 * (confluent_kafka.avro, with Confluent's CachedSchemaRegistryClient) reads what our serde writes
 * and writes what our serde reads, through the same broker and the same registry.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioRegistryExtension.class})
class ConfluentClientInteropIT {

    private static final Path SCRIPT = Path.of("src/test/python/confluent_client.py");
    private static final String PYTHON = "/usr/bin/python3";

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registry;
    private final ObjectMapper json = new ObjectMapper();

    ConfluentClientInteropIT(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    private SpecificAvroSerde<ImageEvent> serde() {
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(new HashMap<>(Map.of("schema.registry.url", registry.ccompatUrl())), false);
        return serde;
    }

    @Test
    void confluentsClientReadsWhatOurSerdeWrites() throws Exception {
        // given events written by our serde (null keys: Confluent's AvroConsumer decodes keys as Avro too)
        String topic = TopicNames.unique("interop-java-to-python");
        kafka.createTopic(topic, 1);
        List<ImageEvent> events = List.of(SampleEvents.inline(1), SampleEvents.reference(2), SampleEvents.inline(3));
        KafkaRoundTrips.produce(kafka, topic, new StringSerializer(), serde().serializer(),
                events.stream().map(e -> new ProducerRecord<String, ImageEvent>(topic, null, e)).toList());

        // when Confluent's AvroConsumer reads the topic
        List<JsonNode> seen = runConfluentClient("consume", topic, events.size(), null);

        // then it decodes every event, field for field
        assertThat(seen).hasSize(3);
        for (int i = 0; i < events.size(); i++) {
            ImageEvent sent = events.get(i);
            JsonNode read = seen.get(i);
            assertThat(read.path("eventId").asText()).isEqualTo(sent.getEventId().toString());
            assertThat(read.path("sopInstanceUid").asText()).isEqualTo(sent.getSopInstanceUid());
            assertThat(read.path("modality").asText()).isEqualTo(sent.getModality());
            assertThat(read.path("bodyPart").asText()).isEqualTo(sent.getBodyPart());
            assertThat(read.path("priority").asText()).isEqualTo(sent.getPriority().name());
            assertThat(read.path("createdAt").asLong()).isEqualTo(sent.getCreatedAt().toEpochMilli());
            int expectedSize = sent.getPayload() instanceof InlineImage inline ? inline.getData().remaining() : -1;
            assertThat(read.path("payloadSize").asInt()).isEqualTo(expectedSize);
        }
    }

    @Test
    void ourSerdeReadsWhatConfluentsClientWrites(@TempDir Path dir) throws Exception {
        // given events written by Confluent's AvroProducer with the ImageEvent schema
        String topic = TopicNames.unique("interop-python-to-java");
        kafka.createTopic(topic, 1);
        Path schemaFile = dir.resolve("ImageEvent.avsc");
        Files.writeString(schemaFile, ImageEvent.getClassSchema().toString());
        List<JsonNode> written = runConfluentClient("produce", topic, 3, schemaFile);

        // when our serde reads them (and the raw bytes are read too)
        List<ConsumerRecord<String, ImageEvent>> read = KafkaRoundTrips.consume(kafka, topic, 3,
                new StringDeserializer(), serde().deserializer());
        List<ConsumerRecord<byte[], byte[]>> raw = KafkaRoundTrips.consume(kafka, topic, 3,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());

        // then every event decodes into the generated class with the values Confluent's client wrote
        assertThat(read).extracting(r -> r.value().getEventId().toString())
                .containsExactlyElementsOf(written.stream().map(n -> n.path("eventId").asText()).toList());
        assertThat(read).extracting(r -> r.value().getSopInstanceUid())
                .containsExactlyElementsOf(written.stream().map(n -> n.path("sopInstanceUid").asText()).toList());
        assertThat(read).extracting(r -> r.value().getCreatedAt().toEpochMilli())
                .containsExactly(1_700_000_000_000L, 1_700_000_000_001L, 1_700_000_000_002L);
        ImageEvent second = read.get(1).value();
        assertThat(second.getBodyPart()).isNull();
        assertThat(second.getAttributes()).containsEntry("producer", "python");
        assertThat(((InlineImage) second.getPayload()).getData().remaining()).isEqualTo(2);

        // and the bytes carry the id the registry gave Confluent's client for <topic>-value
        int registeredId = new SchemaRegistryClient(RegistryClientConfig.forUrl(registry.ccompatUrl()))
                .latest(topic + "-value").id();
        assertThat(raw).allSatisfy(r -> {
            assertThat(r.value()[0]).isZero();
            assertThat(ByteBuffer.wrap(r.value(), 1, 4).getInt()).isEqualTo(registeredId);
        });
    }

    private List<JsonNode> runConfluentClient(String mode, String topic, int count, Path schemaFile)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), mode,
                "--bootstrap", kafka.bootstrapServers(), "--registry", registry.ccompatUrl(),
                "--topic", topic, "--count", Integer.toString(count)));
        if (schemaFile != null) {
            command.addAll(List.of("--schema", schemaFile.toString()));
        }
        Path stderr = Files.createTempFile("confluent-client", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String errors = Files.readString(stderr);
        Files.deleteIfExists(stderr);
        assertThat(exited).as("%s did not finish in 120 s; stderr:%n%s", mode, errors).isTrue();
        assertThat(process.exitValue()).as("%s exit code; stderr:%n%s", mode, errors).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
