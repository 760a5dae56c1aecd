package org.imagingtriage.tests.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;

/**
 * Every draft and dead letter the pipeline has committed, by the record key (the event's SOP
 * Instance UID), read with {@code read_committed} from the start of both output topics on a
 * thread of its own for the whole test, as a reviewer's consumer would. A key at two positions
 * is a duplicate: the topics are not compacted within a test's lifetime.
 */
public final class OutcomeLedger implements AutoCloseable {

    /** One committed output: a draft, or a dead letter with its reason. */
    public record Outcome(String key, boolean draft, String reason) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String draftsTopic;
    private final SpecificAvroSerde<DeadLetter> deadLetters = new SpecificAvroSerde<>(DeadLetter.class);
    private final Map<String, List<Outcome>> byKey = new HashMap<>();
    private final Set<String> positions = new HashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;
    private volatile RuntimeException failure;
    private int total;

    public OutcomeLedger(String bootstrapServers, String registryUrl, String draftsTopic, String deadLettersTopic) {
        this.draftsTopic = draftsTopic;
        deadLetters.configure(Map.of("schema.registry.url", registryUrl), false);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // Assigned, not subscribed: a group could lose its assignment while the broker restarts
        // and, with no committed offsets, read everything again.
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(draftsTopic, deadLettersTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "outcome-ledger");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!closed.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!positions.add(record.topic() + "-" + record.partition() + "@" + record.offset())) {
                        continue; // the same record again, as after a reconnect: not a second output
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    Outcome outcome = record.topic().equals(draftsTopic)
                            ? new Outcome(key, true, null)
                            : new Outcome(key, false, deadLetters.deserializer()
                                    .deserialize(record.topic(), record.value()).getReason());
                    synchronized (this) {
                        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(outcome);
                        total++;
                        notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Outputs read so far, duplicates included. */
    public synchronized int total() {
        rethrow();
        return total;
    }

    /** Waits until at least {@code count} outputs have been read; false if the time ran out. */
    public synchronized boolean awaitTotal(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total < count) {
            rethrow();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** A copy of everything read so far, by key. */
    public synchronized Map<String, List<Outcome>> byKey() {
        rethrow();
        Map<String, List<Outcome>> copy = new HashMap<>();
        byKey.forEach((key, outcomes) -> copy.put(key, List.copyOf(outcomes)));
        return copy;
    }

    private void rethrow() {
        if (failure != null) {
            throw new IllegalStateException("the outcome reader failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (closed.compareAndSet(false, true)) {
            consumer.wakeup();
            reader.join(10_000);
        }
    }
}
