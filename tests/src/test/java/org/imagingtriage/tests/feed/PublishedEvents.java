package org.imagingtriage.tests.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;

/**
 * The image events a feed has committed, read from the start of the routine and priority topics
 * with read_committed, as the pipeline reads them. Each record is counted once by its position,
 * so a reconnect is not mistaken for a duplicate; two records with the same key are two events,
 * which is what the tests look for.
 */
final class PublishedEvents implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
    private final Set<String> positions = new HashSet<>();
    private final List<ImageEvent> events = new ArrayList<>();

    PublishedEvents(String bootstrapServers, String registryUrl, List<String> topics) {
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until at least {@code count} events have arrived or the timeout passed; every event so far. */
    List<ImageEvent> awaitAtLeast(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            poll();
        }
        return List.copyOf(events);
    }

    /** Reads for {@code period} more: what arrives after everything expected has. */
    List<ImageEvent> readFor(Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        return List.copyOf(events);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (positions.add(record.topic() + "-" + record.partition() + "@" + record.offset())) {
                events.add(serde.deserializer().deserialize(record.topic(), record.value()));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
        serde.close();
    }
}
