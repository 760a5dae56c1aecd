package org.imagingtriage.devstack.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaConfig;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.schemas.serde.WireFormat;
import org.imagingtriage.topology.config.TopicProvisioner;
import org.imagingtriage.topology.config.TopicReport;
import org.imagingtriage.topology.config.TriageConfig;

/**
 * {@code triage demo}: the embedded stack on its defaults. Today that is the foundation: a KRaft
 * broker, Apicurio Registry, the design's topics and one synthetic ImageEvent through the serde
 * and the broker. The pipeline joins it with its issue.
 */
final class DemoCommand {

    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);

    private final boolean keepRunning;

    private DemoCommand(boolean keepRunning) {
        this.keepRunning = keepRunning;
    }

    static Optional<DemoCommand> fromArguments(List<String> args, PrintStream err) {
        boolean keepRunning = false;
        for (String arg : args) {
            if (arg.equals("--keep-running")) {
                keepRunning = true;
            } else {
                err.println("triage demo: unknown option '" + arg + "' (known: --keep-running)");
                return Optional.empty();
            }
        }
        return Optional.of(new DemoCommand(keepRunning));
    }

    int run(PrintStream out) {
        out.println("triage demo: starting the embedded stack (about 10-20 s on two cores)");
        long kafkaStart = System.nanoTime();
        try (EmbeddedKafkaCluster kafka = withoutStdout(
                () -> EmbeddedKafkaCluster.started(EmbeddedKafkaConfig.defaults()))) {
            out.printf("  Kafka (in-JVM KRaft)   %s   ready in %.1f s%n", kafka.bootstrapServers(), secondsSince(kafkaStart));
            long registryStart = System.nanoTime();
            try (ApicurioRegistryProcess registry = ApicurioRegistryProcess.startWithDefaults()) {
                out.printf("  Schema registry        %s   (Apicurio, Confluent API) ready in %.1f s%n",
                        registry.ccompatUrl(), secondsSince(registryStart));
                // The pipeline's own configuration and provisioner: the topics are the ones
                // `triage run` would create, with the same partitions, limits and compaction.
                TriageConfig config = TriageConfig.defaults(kafka.bootstrapServers(), registry.ccompatUrl(),
                        "127.0.0.1:8001");
                TopicReport topics;
                try (Admin admin = Admin.create(kafka.adminConfig())) {
                    topics = TopicProvisioner.forConfig(config).provision(admin).throwIfErrors();
                }
                out.println("  Topics                 " + String.join(" ", topics.created()));
                sendAndReadBack(kafka, registry, config.topics().events().name(), out);
                out.println();
                out.println("The triage pipeline (drafts from MedGemma on Triton) is not built yet: it arrives with");
                out.println("the pipeline issue and will then run here. See README.md, \"What works today\".");
                if (keepRunning) {
                    awaitInterrupt(out);
                }
            }
        }
        return 0;
    }

    private void sendAndReadBack(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry, String eventsTopic,
                                 PrintStream out) {
        Map<String, Object> serdeConfig = new HashMap<>(Map.of("schema.registry.url", registry.ccompatUrl()));
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(serdeConfig, false);

        ImageEvent event = syntheticEvent();
        byte[] wire = serde.serializer().serialize(eventsTopic, event);
        out.printf("  Sample ImageEvent      SOP %s, synthetic %s PNG inline (%d bytes), no patient data%n",
                event.getSopInstanceUid(), "64x64",
                ((InlineImage) event.getPayload()).getData().remaining());
        out.printf("  Wire format            %s ... = magic 0, schema id %d (subject %s-value), then Avro%n",
                hex(wire, WireFormat.HEADER_LENGTH + 4), WireFormat.schemaId(eventsTopic, wire),
                eventsTopic);

        Map<String, Object> producerConfig = kafka.producerConfig();
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(eventsTopic, event.getSopInstanceUid(), wire)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the sample event to " + eventsTopic, e);
        }

        Map<String, Object> consumerConfig = kafka.consumerConfig();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "triage-demo-" + UUID.randomUUID());
        try (KafkaConsumer<String, ImageEvent> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(eventsTopic));
            long deadline = System.nanoTime() + READ_BACK_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ImageEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    out.printf("  Read back              partition %d offset %d, identical to what was sent: %s%n",
                            record.partition(), record.offset(), record.value().equals(event) ? "yes" : "NO");
                    return;
                }
            }
        }
        throw new IllegalStateException("the sample event did not come back from " + eventsTopic
                + " within " + READ_BACK_TIMEOUT);
    }

    private static ImageEvent syntheticEvent() {
        String uidRoot = "2.25." + Long.toUnsignedString(UUID.randomUUID().getMostSignificantBits());
        return ImageEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSopInstanceUid(uidRoot + ".3")
                .setStudyInstanceUid(uidRoot + ".1")
                .setSeriesInstanceUid(uidRoot + ".2")
                .setSource("triage-demo")
                .setModality("OT")
                .setBodyPart(null)
                .setPriority(Priority.ROUTINE)
                .setFormat(ImageFormat.PNG)
                .setPayload(new InlineImage(ByteBuffer.wrap(gradientPng())))
                .setDeidentification(new Deidentification(true, "synthetic image: never had patient data"))
                .setCreatedAt(Instant.now())
                .setAttributes(Map.of("generator", "triage demo"))
                .build();
    }

    /** A 64x64 grey gradient: an image with nothing in it but pixels this code made. */
    private static byte[] gradientPng() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int grey = (x + y) * 2;
                image.getRaster().setSample(x, y, 0, grey);
            }
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the synthetic PNG", e);
        }
    }

    private static void awaitInterrupt(PrintStream out) {
        out.println();
        out.println("The stack stays up: press Ctrl-C to stop it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "triage-demo-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kafka's test kit prints its storage formatting to System.out; the demo's stdout is its
     * report, so that chatter is dropped while the broker starts.
     */
    private static <T> T withoutStdout(java.util.function.Supplier<T> action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(original);
        }
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String hex(byte[] bytes, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(count, bytes.length); i++) {
            text.append(String.format("%02x ", bytes[i]));
        }
        return text.toString().trim();
    }
}
