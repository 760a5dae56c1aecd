package org.imagingtriage.devstack.bench.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.errors.WakeupException;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;

/**
 * Reads one run's drafts and dead letters as the reviewers would (read_committed, so only what
 * the pipeline committed) on a thread of its own, noting when each arrived.
 */
final class OutcomeCollector implements AutoCloseable {

    /** One draft: when it was read (System.nanoTime) and the latency breakdown it carries. */
    record Arrival(UUID eventId, Priority priority, long arrivedNanos, long endToEndMs, long feedToPipelineMs,
                   long inferenceMs) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String draftsTopic;
    private final SpecificAvroSerde<DraftFinding> drafts = new SpecificAvroSerde<>(DraftFinding.class);
    private final SpecificAvroSerde<DeadLetter> deadLetters = new SpecificAvroSerde<>(DeadLetter.class);
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Set<UUID> drafted = new HashSet<>();
    private final Map<String, Integer> deadLetterReasons = new TreeMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    OutcomeCollector(String bootstrapServers, String registryUrl, String draftsTopic, String deadLettersTopic) {
        this.draftsTopic = Objects.requireNonNull(draftsTopic, "draftsTopic");
        Map<String, String> serdeConfig = Map.of("schema.registry.url", registryUrl);
        drafts.configure(serdeConfig, false);
        deadLetters.configure(serdeConfig, false);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "triage-bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "triage-bench-collector"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(draftsTopic, deadLettersTopic));
        this.thread = new Thread(this::collect, "triage-bench-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void collect() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    if (record.topic().equals(draftsTopic)) {
                        DraftFinding draft = drafts.deserializer().deserialize(record.topic(), record.value());
                        synchronized (this) {
                            drafted.add(draft.getEventId());
                            arrivals.add(new Arrival(draft.getEventId(), draft.getPriority(), now,
                                    draft.getLatency().getEndToEndMs(), draft.getLatency().getFeedToPipelineMs(),
                                    draft.getLatency().getInferenceMs()));
                            notifyAll();
                        }
                    } else {
                        DeadLetter letter = deadLetters.deserializer().deserialize(record.topic(), record.value());
                        synchronized (this) {
                            deadLetterReasons.merge(letter.getReason(), 1, Integer::sum);
                            notifyAll();
                        }
                    }
                }
            }
        } catch (WakeupException stopped) {
            // close() woke the poll.
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until {@code outcomes} drafts and dead letters have arrived; false on timeout. */
    synchronized boolean awaitOutcomes(int outcomes, Duration timeout) throws InterruptedException {
        return awaitUntil(() -> arrivals.size() + deadLetterCount() >= outcomes, timeout);
    }

    /** Called holding the lock; the collecting thread notifies on every outcome. */
    private boolean awaitUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (failure != null) {
                throw new IllegalStateException("reading the outcomes failed", failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits until the draft of {@code eventId} has arrived; false on timeout. */
    synchronized boolean awaitDraft(UUID eventId, Duration timeout) throws InterruptedException {
        return awaitUntil(() -> drafted.contains(eventId), timeout);
    }

    synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized Map<String, Integer> deadLetters() {
        return Map.copyOf(deadLetterReasons);
    }

    private int deadLetterCount() {
        return deadLetterReasons.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
