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
import java.util.concurrent.atomic.AtomicLong;
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
    private final String clientId;
    /** Tasks of every thread of both lanes may fetch at once; each consumer needs its own client id. */
    private final AtomicLong fetches = new AtomicLong();

    /**
     * @param consumerConfig a plain consumer's settings; read_committed is enforced here
     * @param clientId the prefix of this fetcher's client ids, so that they never clash with another client's
     */
    KafkaSourceRecordFetcher(Map<String, Object> consumerConfig, String clientId) {
        this.consumerConfig = new HashMap<>(Objects.requireNonNull(consumerConfig, "consumerConfig"));
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Every position is a seek; one outside the log must fail, not silently jump to an end.
        this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    }

    @Override
    public RefetchedRecords fetch(Collection<SourceCoordinates> coordinates) {
        Map<TopicPartition, NavigableSet<Long>> wanted = new HashMap<>();
        for (SourceCoordinates source : coordinates) {
            wanted.computeIfAbsent(new TopicPartition(source.topic(), source.partition()), tp -> new TreeSet<>())
                    .add(source.offset());
        }
        Map<SourceCoordinates, SourceRecord> found = new HashMap<>();
        Map<SourceCoordinates, Long> pastEnd = new HashMap<>();
        if (wanted.isEmpty()) {
            return new RefetchedRecords(found, pastEnd);
        }
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + fetches.incrementAndGet());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // read_committed: the end is the last stable offset.
            Map<TopicPartition, Long> ends = consumer.endOffsets(wanted.keySet(), FETCH_TIMEOUT);
            for (Map.Entry<TopicPartition, NavigableSet<Long>> partition : wanted.entrySet()) {
                TopicPartition topicPartition = partition.getKey();
                long end = ends.getOrDefault(topicPartition, 0L);
                for (long offset : partition.getValue().tailSet(end, true)) {
                    pastEnd.put(new SourceCoordinates(topicPartition.topic(), topicPartition.partition(), offset), end);
                }
                NavigableSet<Long> belowEnd = partition.getValue().headSet(end, false);
                if (!belowEnd.isEmpty()) {
                    read(consumer, topicPartition, belowEnd, deadline, found);
                }
            }
            return new RefetchedRecords(found, pastEnd);
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
