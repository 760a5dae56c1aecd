package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Fetches records again with a short-lived consumer of its own: assigned, never in a group,
 * reading committed records only. It runs when a task starts with records in flight, which is
 * rare (a crash, a rebalance), so a consumer per call costs nothing that matters.
 */
final class KafkaSourceRecordFetcher implements SourceRecordFetcher {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> consumerConfig;

    /** @param consumerConfig a plain consumer's settings; read_committed is enforced here */
    KafkaSourceRecordFetcher(Map<String, Object> consumerConfig) {
        this.consumerConfig = new HashMap<>(Objects.requireNonNull(consumerConfig, "consumerConfig"));
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "triage-in-flight-fetcher");
    }

    @Override
    public Map<SourceCoordinates, SourceRecord> fetch(Collection<SourceCoordinates> coordinates) {
        Map<TopicPartition, NavigableSet<Long>> wanted = new HashMap<>();
        for (SourceCoordinates source : coordinates) {
            wanted.computeIfAbsent(new TopicPartition(source.topic(), source.partition()), tp -> new TreeSet<>())
                    .add(source.offset());
        }
        Map<SourceCoordinates, SourceRecord> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(wanted.keySet());
            Map<TopicPartition, Long> ends = consumer.endOffsets(wanted.keySet(), FETCH_TIMEOUT);
            Set<TopicPartition> reading = new HashSet<>();
            for (Map.Entry<TopicPartition, NavigableSet<Long>> partition : wanted.entrySet()) {
                long end = ends.getOrDefault(partition.getKey(), 0L);
                if (partition.getValue().first() < end) {
                    consumer.seek(partition.getKey(), partition.getValue().first());
                    reading.add(partition.getKey());
                }
            }
            consumer.pause(difference(wanted.keySet(), reading));
            while (!reading.isEmpty()) {
                if (System.nanoTime() - start > FETCH_TIMEOUT.toNanos()) {
                    throw stillTransient(coordinates.size(), start, new KafkaException(
                            "in-flight records not fetched within " + FETCH_TIMEOUT.toSeconds() + " s"));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (wanted.get(partition).contains(record.offset())) {
                        found.put(new SourceCoordinates(record.topic(), record.partition(), record.offset()),
                                new SourceRecord(record.key(), record.value(), record.timestamp(), record.headers()));
                    }
                }
                Set<TopicPartition> done = new HashSet<>();
                for (TopicPartition partition : reading) {
                    long position = consumer.position(partition, FETCH_TIMEOUT);
                    if (position > wanted.get(partition).last() || position >= ends.get(partition)) {
                        done.add(partition);
                    }
                }
                consumer.pause(done);
                reading.removeAll(done);
            }
            return found;
        } catch (KafkaException e) {
            throw stillTransient(coordinates.size(), start, e);
        }
    }

    private static Set<TopicPartition> difference(Set<TopicPartition> all, Set<TopicPartition> minus) {
        Set<TopicPartition> rest = new HashSet<>(all);
        rest.removeAll(minus);
        return rest;
    }

    private static StillTransientException stillTransient(int records, long start, KafkaException cause) {
        return new StillTransientException("refetch", records + " in-flight records", 1,
                Duration.ofNanos(System.nanoTime() - start), cause);
    }
}
