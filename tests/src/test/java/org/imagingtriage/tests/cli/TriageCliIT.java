package org.imagingtriage.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.cli.ExitCodes;
import org.imagingtriage.topology.cli.TriageCommand;
import org.imagingtriage.tests.SyntheticDrafts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code triage feed folder} and {@code triage review} as an operator runs them, against a real
 * in-JVM KRaft broker and a real Apicurio Registry. Each test configures its own topic names in a
 * triage.properties of its own, so tests sharing the broker never see each other's records.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioRegistryExtension.class})
class TriageCliIT {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);
    private static final int INLINE_MAX_BYTES = 64 * 1024;

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registry;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path workspace;

    private Path images;
    private Path configFile;
    private String eventsTopic;
    private String priorityTopic;
    private String draftsTopic;

    TriageCliIT(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeEach
    void configure() throws IOException {
        images = Files.createDirectories(workspace.resolve("images"));
        eventsTopic = TopicNames.unique("cli-events");
        priorityTopic = TopicNames.unique("cli-priority");
        draftsTopic = TopicNames.unique("cli-drafts");
        kafka.createTopic(eventsTopic, 2);
        kafka.createTopic(priorityTopic, 2);
        // One partition: the review's first poll sees every draft, so its order is the reviewer's, not the fetch's.
        kafka.createTopic(draftsTopic, 1);
        configFile = Files.writeString(workspace.resolve("triage.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "registry.url=" + registry.ccompatUrl(),
                "topics.events.name=" + eventsTopic,
                "topics.priority.name=" + priorityTopic,
                "topics.drafts.name=" + draftsTopic,
                "limits.reference.schemes=file",
                "limits.reference.file.root=" + workspace.toRealPath(),
                ""));
    }

    /** {@code triage args} with no TRIAGE_* environment: the test's file is the whole configuration. */
    private int triage(String... args) {
        CommandLine commandLine = TriageCommand.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void feedFolderPublishesInlineAndReferencedImagesToTheTopicsTheirPrioritiesRouteTo() throws Exception {
        // given a STAT PNG, a routine JPEG, an URGENT PNG too large to go inline, and a file that is no image
        byte[] chestPng = png(grey(64, 64, new Random(1)));
        byte[] kneeJpeg = jpeg(grey(48, 48, new Random(2)));
        byte[] largePng = png(grey(400, 400, new Random(3)));
        assertThat(largePng.length).isGreaterThan(INLINE_MAX_BYTES);
        Files.write(images.resolve("chest-01.png"), chestPng);
        Files.writeString(images.resolve("chest-01.png.json"),
                "{\"modality\": \"CR\", \"bodyPart\": \"CHEST\", \"priority\": \"STAT\"}");
        Files.write(images.resolve("knee.jpg"), kneeJpeg);
        Files.write(images.resolve("large-scan.png"), largePng);
        Files.writeString(images.resolve("large-scan.png.json"), "{\"modality\": \"DX\", \"priority\": \"URGENT\"}");
        Files.writeString(images.resolve("README.txt"), "exported by the research PACS");

        // when
        int exit = triage("feed", "folder", "--config", configFile.toString(), "--inline-max-bytes",
                String.valueOf(INLINE_MAX_BYTES), "--skip-unknown", "--verbose", images.toString());

        // then: the run reports what it did
        assertThat(exit).as("stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("skipped   README.txt: not an image",
                "3 of 3 event(s) published (2 inline, 1 by reference").doesNotContain("warning");

        // and the events are on the brokers, committed, where their priorities route them
        Map<String, ImageEvent> priority = bySource(consume(priorityTopic, 2));
        Map<String, ImageEvent> routine = bySource(consume(eventsTopic, 1));
        ImageEvent chest = priority.values().stream().filter(e -> e.getFormat() == ImageFormat.PNG
                && e.getPayload() instanceof InlineImage).findFirst().orElseThrow();
        ImageEvent large = priority.values().stream().filter(e -> e.getPayload() instanceof ImageRef)
                .findFirst().orElseThrow();
        ImageEvent knee = routine.values().iterator().next();

        assertThat(chest.getPriority()).isEqualTo(Priority.STAT);
        assertThat(chest.getModality()).isEqualTo("CR");
        assertThat(chest.getBodyPart()).isEqualTo("CHEST");
        assertThat(bytes(((InlineImage) chest.getPayload()).getData())).isEqualTo(chestPng);

        assertThat(knee.getPriority()).isEqualTo(Priority.ROUTINE);
        assertThat(knee.getFormat()).isEqualTo(ImageFormat.JPEG);
        assertThat(knee.getModality()).isEqualTo("OT");
        assertThat(bytes(((InlineImage) knee.getPayload()).getData())).isEqualTo(kneeJpeg);

        ImageRef reference = (ImageRef) large.getPayload();
        assertThat(large.getPriority()).isEqualTo(Priority.URGENT);
        assertThat(reference.getSizeBytes()).isEqualTo(largePng.length);
        assertThat(reference.getSha256()).isEqualTo(sha256(largePng));
        assertThat(Path.of(URI.create(reference.getUri()))).isEqualTo(images.resolve("large-scan.png").toAbsolutePath());

        // and every event is one study, keyed by its SOP Instance UID, claiming de-identification, naming no file
        List<ImageEvent> all = List.of(chest, knee, large);
        assertThat(all).extracting(ImageEvent::getStudyInstanceUid).containsOnly(chest.getStudyInstanceUid());
        assertThat(all).allSatisfy(event -> {
            assertThat(event.getSource()).isEqualTo("folder:" + images.toAbsolutePath());
            assertThat(event.getDeidentification().getAsserted()).isTrue();
            assertThat(event.getSopInstanceUid()).startsWith("2.25.");
        });
        assertThat(chest.toString() + knee).doesNotContain("chest-01").doesNotContain("knee.jpg");
    }

    @Test
    void reviewPrintsCommittedDraftsMostUrgentFirstAndSkipsUnreadableRecords() throws Exception {
        // given drafts committed in one transaction, a draft of an aborted transaction, and garbage bytes
        List<DraftFinding> committed = List.of(
                SyntheticDrafts.draft("9.1", Urgency.ROUTINE, Priority.STAT),
                SyntheticDrafts.draft("9.2", Urgency.URGENT, Priority.ROUTINE),
                SyntheticDrafts.draft("9.3", Urgency.UNCERTAIN, Priority.URGENT),
                SyntheticDrafts.draft("9.4", Urgency.URGENT, Priority.STAT));
        produceDrafts(List.of(SyntheticDrafts.draft("9.9", Urgency.URGENT, Priority.STAT)), false);
        produceDrafts(committed, true);
        produceGarbage();

        // when
        int exit = triage("review", "--tail", "--config", configFile.toString(), "--from-beginning", "--max", "4",
                "--timeout-ms", "20000");

        // then: urgency first, then priority, then arrival; the aborted draft never shows
        assertThat(printedSops(out.toString())).containsExactly("9.4", "9.2", "9.3", "9.1");
        assertThat(out.toString()).doesNotContain("9.9")
                .contains("SIMULATED", "disclaimer: AI-generated draft", "latency ms: end-to-end 2150",
                        "model: medgemma-4b-it version 1", "critical: pneumothorax")
                .contains("skipped record " + draftsTopic + " partition 0 offset ");
        assertThat(err.toString()).contains("review: 4 draft(s) printed, 1 unreadable record(s) skipped");
        assertThat(exit).isEqualTo(ExitCodes.INCOMPLETE);
    }

    @Test
    void topicsCreatesWhatIsMissingThenChecksAndRefusesATopicThatCannotServe() throws Exception {
        // given a configuration naming five topics that do not exist yet, one partition each
        String prefix = TopicNames.unique("cli-topics");
        Path topicsConfig = Files.writeString(workspace.resolve("topics.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "registry.url=" + registry.ccompatUrl(),
                "topics.events.name=" + prefix + ".events",
                "topics.priority.name=" + prefix + ".priority",
                "topics.drafts.name=" + prefix + ".drafts",
                "topics.dlq.name=" + prefix + ".dlq",
                "topics.reviews.name=" + prefix + ".reviews",
                "topics.partitions=1",
                ""));

        // when the job runs twice, the second time only checking
        int created = triage("topics", "--config", topicsConfig.toString());
        String firstRun = out.toString();
        out.getBuffer().setLength(0);
        int checked = triage("topics", "--check", "--config", topicsConfig.toString());

        // then the first run created all five with the settings the pipeline needs, the second found them usable
        assertThat(created).as("stderr:%n%s", err).isEqualTo(ExitCodes.OK);
        assertThat(firstRun.lines().filter(line -> line.startsWith("created")).count()).isEqualTo(5);
        assertThat(firstRun).contains("created   " + prefix + ".drafts (partitions=1", "cleanup.policy=compact");
        assertThat(checked).as("stdout:%n%s", out).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines().filter(line -> line.startsWith("ok")).count()).isEqualTo(5);
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            Config drafts = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    prefix + ".drafts"))).all().get().values().iterator().next();
            assertThat(drafts.get("cleanup.policy").value()).isEqualTo("compact");
        }

        // and when the reviews topic is one that deletes instead of compacting, and another one is missing
        String other = TopicNames.unique("cli-topics-wrong");
        kafka.createTopic(other + ".reviews", 1);
        Path wrongConfig = Files.writeString(workspace.resolve("wrong.properties"),
                Files.readString(topicsConfig).replace(prefix + ".reviews", other + ".reviews")
                        .replace(prefix + ".dlq", other + ".dlq"));
        out.getBuffer().setLength(0);
        int refused = triage("topics", "--check", "--config", wrongConfig.toString());

        // then the check fails and names both
        assertThat(refused).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(out.toString()).contains("UNUSABLE  " + other + ".reviews", "MISSING   " + other + ".dlq",
                "ERROR: ");
    }

    private void produceDrafts(List<DraftFinding> drafts, boolean commit) throws Exception {
        SpecificAvroSerde<DraftFinding> serde = new SpecificAvroSerde<>(DraftFinding.class);
        serde.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "triage-cli-it-" + UUID.randomUUID());
        try (KafkaProducer<String, DraftFinding> producer =
                     new KafkaProducer<>(config, new StringSerializer(), serde.serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (DraftFinding draft : drafts) {
                producer.send(new ProducerRecord<>(draftsTopic, draft.getSopInstanceUid(), draft)).get();
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
    }

    private void produceGarbage() throws Exception {
        Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(draftsTopic, null, "{\"not\": \"avro\"}".getBytes())).get();
        }
    }

    /** Every record of {@code topic}, read committed, once {@code count} have arrived. */
    private List<ImageEvent> consume(String topic, int count) {
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        Map<String, Object> config = kafka.consumerConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "triage-cli-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, ImageEvent>> received = new ArrayList<>();
        try (KafkaConsumer<String, ImageEvent> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // A little longer: nothing more than expected may arrive.
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        }
        assertThat(received).hasSize(count);
        assertThat(received).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value().getSopInstanceUid()));
        return received.stream().map(ConsumerRecord::value).toList();
    }

    private static Map<String, ImageEvent> bySource(List<ImageEvent> events) {
        return events.stream().collect(Collectors.toMap(event -> event.getSopInstanceUid(), Function.identity()));
    }

    /** The SOP Instance UIDs of the printed drafts' header lines, in order. */
    private static List<String> printedSops(String output) {
        List<String> sops = new ArrayList<>();
        Matcher header = Pattern.compile("(?m)^(?:URGENT|UNCERTAIN|ROUTINE)\\s+\\S+\\s+CR\\s+(\\S+)").matcher(output);
        while (header.find()) {
            sops.add(header.group(1));
        }
        return sops;
    }

    /** Grey noise: incompressible, so the PNG's size follows its pixel count. */
    private static BufferedImage grey(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        return encode(image, "png");
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        return encode(image, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, bytes)).isTrue();
        return bytes.toByteArray();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
