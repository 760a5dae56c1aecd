package org.imagingtriage.tests.faults;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.imagingtriage.topology.feed.UidMinter;

/**
 * The inputs of a fault run: synthetic grey PNGs, one in ten on the priority topic as STAT, and
 * a few truncated ones that must become CORRUPT_IMAGE dead letters; published as a feed
 * publishes them (Avro in the Confluent wire format, keyed by SOP Instance UID).
 */
final class FaultRunEvents {

    private static final UidMinter UID = UidMinter.random();

    private final List<ImageEvent> events = new ArrayList<>();
    private final Set<String> corrupt = new HashSet<>();

    /**
     * @param count events to make
     * @param side the images' width and height; noise does not compress, so an event is about side² bytes
     * @param corruptEvery every this many events one is truncated (0: none)
     */
    FaultRunEvents(int count, int side, int corruptEvery, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[8][];
        for (int i = 0; i < images.length; i++) {
            images[i] = png(side, random);
        }
        for (int i = 0; i < count; i++) {
            byte[] image = images[i % images.length];
            boolean truncated = corruptEvery > 0 && i % corruptEvery == corruptEvery - 1;
            ImageEvent event = event(truncated ? Arrays.copyOf(image, image.length / 3) : image,
                    i % 10 == 5 ? Priority.STAT : Priority.ROUTINE);
            events.add(event);
            if (truncated) {
                corrupt.add(event.getSopInstanceUid());
            }
        }
    }

    List<ImageEvent> events() {
        return events;
    }

    /** The keys (SOP Instance UIDs) of the events that must dead-letter as CORRUPT_IMAGE. */
    Set<String> corruptKeys() {
        return corrupt;
    }

    Set<String> keys() {
        Set<String> keys = new HashSet<>();
        events.forEach(event -> keys.add(event.getSopInstanceUid()));
        return keys;
    }

    /** Publishes every event, routine and priority to their topics, and waits for the acks. */
    void publish(String bootstrapServers, String registryUrl, String eventsTopic, String priorityTopic) {
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 20),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ImageEvent event : events) {
                String topic = event.getPriority() == Priority.ROUTINE ? eventsTopic : priorityTopic;
                acks.add(producer.send(new ProducerRecord<>(topic,
                        event.getSopInstanceUid().getBytes(StandardCharsets.UTF_8),
                        serde.serializer().serialize(topic, event))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing the fault run's events failed", e);
        }
    }

    private static ImageEvent event(byte[] png, Priority priority) {
        return ImageEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSopInstanceUid(UID.mint())
                .setStudyInstanceUid(UID.mint())
                .setSeriesInstanceUid(UID.mint())
                .setSource("fault-test-feed")
                .setModality("DX")
                .setBodyPart("CHEST")
                .setPriority(priority)
                .setFormat(ImageFormat.PNG)
                .setDeidentification(new Deidentification(true, "synthetic image, never identified"))
                .setCreatedAt(Instant.now())
                .setAttributes(Map.of())
                .setPayload(new InlineImage(ByteBuffer.wrap(png)))
                .build();
    }

    private static byte[] png(int side, Random random) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = new byte[side * side];
        random.nextBytes(pixels);
        image.getRaster().setDataElements(0, 0, side, side, pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
