package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
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

    /**
     * @param consumerConfig a plain consumer's settings; read_committed is enforced here
     * @param clientId this consumer's own, so that it never shares a client id (and its metrics) with another
     */
    KafkaSourceRecordFetcher(Map<String, Object> consumerConfig, String clientId) {
        this.consumerConfig = new HashMap<>(Objects.requireNonNull(consumerConfig, "consumerConfig"));
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Every position is a seek; one outside the log must fail, not silently jump to an end.
        this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        this.consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, Objects.requireNonNull(clientId, "clientId"));
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
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // read_committed: the end is the last stable offset.
            Map<TopicPartition, Long> ends = consumer.endOffsets(wanted.keySet(), FETCH_TIMEOUT);
            for (Map.Entry<TopicPartition, NavigableSet<Long>> partition : wanted.entrySet()) {
                long end = ends.getOrDefault(partition.getKey(), 0L);
                if (partition.getValue().last() >= end) {
                    // It was read once, so it was below the end then: the end is lagging (a
                    // leader change), not the record gone. Retry later rather than call it lost.
                    throw new StillTransientException("refetch", coordinates.size() + " in-flight records", 1,
                            elapsed(deadline), new KafkaException("offset " + partition.getValue().last() + " of "
                                    + partition.getKey() + " is at or past the end offset " + end));
                }
                read(consumer, partition.getKey(), partition.getValue(), deadline, found);
            }
            return found;
        } catch (KafkaException e) {
            throw new StillTransientException("refetch", coordinates.size() + " in-flight records", 1,
                    elapsed(deadline), e);
        }
    }

    /**
     * Reads the wanted offsets of one partition, seeking over the gaps between them; an offset
     * below the log start, or skipped by the log (compaction), is simply not found.
     */
    private static void read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition,
                             NavigableSet<Long> offsets, long deadline, Map<SourceCoordinates, SourceRecord> found) {
        consumer.assign(Set.of(partition));
        long logStart = consumer.beginningOffsets(Set.of(partition), FETCH_TIMEOUT).get(partition);
        Long next = offsets.ceiling(logStart);
        if (next != null) {
            consumer.seek(partition, next);
        }
        while (next != null) {
            if (System.nanoTime() > deadline) {
                throw new KafkaException("in-flight records not fetched within " + FETCH_TIMEOUT.toSeconds() + " s");
            }
            List<ConsumerRecord<byte[], byte[]>> records;
            try {
                records = consumer.poll(POLL).records(partition);
            } catch (OffsetOutOfRangeException deletedMeanwhile) {
                // Retention moved the log start past the seek since it was read.
                logStart = consumer.beginningOffsets(Set.of(partition), FETCH_TIMEOUT).get(partition);
                Long after = offsets.ceiling(logStart);
                if (after != null && after <= next) {
                    throw deletedMeanwhile;
                }
                next = after;
                if (next != null) {
                    consumer.seek(partition, next);
                }
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (offsets.contains(record.offset())) {
                    found.put(new SourceCoordinates(record.topic(), record.partition(), record.offset()),
                            new SourceRecord(record.key(), record.value(), record.timestamp(), record.headers()));
                }
            }
            long position = consumer.position(partition, FETCH_TIMEOUT);
            next = offsets.ceiling(position);
            if (next != null && next > position) {
                consumer.seek(partition, next);
            }
        }
    }

    private static Duration elapsed(long deadline) {
        return FETCH_TIMEOUT.minusNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
