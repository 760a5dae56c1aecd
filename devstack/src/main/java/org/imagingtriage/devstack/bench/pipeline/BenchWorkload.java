package org.imagingtriage.devstack.bench.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;

/**
 * The benchmark's events: synthetic 256x256 greyscale PNG radiographs (seeded noise over a
 * gradient, so no two images hash alike and the pipeline does full work on each), inline,
 * de-identification asserted. Every mode publishes the same sequence of images.
 */
final class BenchWorkload {

    private static final int SIDE = 256;
    private static final int DISTINCT_IMAGES = 16;

    private final List<byte[]> images;
    private final Map<String, Object> producerConfig;
    private final SpecificAvroSerde<ImageEvent> serde;

    BenchWorkload(String bootstrapServers, String registryUrl) {
        this.images = new ArrayList<>();
        for (int i = 0; i < DISTINCT_IMAGES; i++) {
            images.add(png(i));
        }
        this.producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "triage-bench-feed");
        this.serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(Map.of("schema.registry.url", Objects.requireNonNull(registryUrl, "registryUrl")), false);
    }

    /** One event of the sequence: the same index gives the same image in every run. */
    ImageEvent event(int index, Priority priority) {
        UUID eventId = UUID.randomUUID();
        return ImageEvent.newBuilder()
                .setEventId(eventId)
                .setSopInstanceUid(uid(eventId))
                .setStudyInstanceUid(uid(UUID.randomUUID()))
                .setSeriesInstanceUid(uid(UUID.randomUUID()))
                .setSource("triage-bench")
                .setModality("CR")
                .setBodyPart("CHEST")
                .setPriority(priority)
                .setFormat(ImageFormat.PNG)
                .setPayload(new InlineImage(ByteBuffer.wrap(images.get(index % images.size()))))
                .setDeidentification(new Deidentification(true, "synthetic benchmark image"))
                .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setAttributes(Map.of())
                .build();
    }

    /** Publishes {@code count} routine events to {@code topic} and waits until all are acknowledged. */
    List<UUID> publishRoutine(String topic, int count) {
        List<ImageEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(i, Priority.ROUTINE));
        }
        publish(topic, events);
        return events.stream().map(ImageEvent::getEventId).toList();
    }

    void publish(String topic, List<ImageEvent> events) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
            for (ImageEvent event : events) {
                sent.add(producer.send(new ProducerRecord<>(topic,
                        event.getSopInstanceUid().getBytes(StandardCharsets.UTF_8),
                        serde.serializer().serialize(topic, event))));
            }
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the workload", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing the workload failed", e.getCause());
        }
    }

    byte[] image(int index) {
        return images.get(index % images.size());
    }

    private static String uid(UUID uuid) {
        return "2.25." + new BigInteger(1, ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    }

    private static byte[] png(int seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int value = (x + y) / 2 + random.nextInt(32);
                image.getRaster().setSample(x, y, 0, Math.min(255, value));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
