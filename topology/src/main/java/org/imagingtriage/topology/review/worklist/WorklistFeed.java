package org.imagingtriage.topology.review.worklist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.schemas.registry.SchemaRegistryUnreachableException;
import org.imagingtriage.topology.review.ConsumerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link Worklist} from the drafts and reviews topics, from their beginnings, on a thread
 * of its own: the drafts topic is compacted by image, so its beginning is the current draft of
 * every image it holds, and the reviews topic likewise the decisions on them.
 *
 * <p>One consumer reads both topics, assigned to every partition, without a group (every console
 * sees everything; nothing is committed) and read_committed, so a draft of an aborted pipeline
 * transaction never shows. Values are read as bytes and deserialized here: a record that is not a
 * readable draft or decision is logged by coordinates and skipped; an unreachable registry is
 * not a bad record, so the feed seeks back and retries after a pause, losing nothing.
 *
 * <p>{@link #caughtUp()} completes once the feed has read everything the topics held when it
 * started (readiness), and {@link #awaitReviewsRead(Duration)} waits until it has read every
 * decision committed before the call, which is how a retried decision whose first write ended in
 * doubt learns whether that write landed.
 */
public final class WorklistFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorklistFeed.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REGISTRY_PAUSE = Duration.ofSeconds(2);

    private final Consumer<byte[], byte[]> consumer;
    private final String draftsTopic;
    private final String reviewsTopic;
    private final Deserializer<DraftFinding> drafts;
    private final Deserializer<ReviewDecision> decisions;
    private final Worklist worklist;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> reviewWaiters = new ConcurrentLinkedQueue<>();
    private final AtomicLong skipped = new AtomicLong();
    private final ConsumerLoop loop;

    /**
     * @param consumer a consumer this feed owns and closes, configured read_committed, without a
     *     group and without auto-commit
     */
    public WorklistFeed(Consumer<byte[], byte[]> consumer, String draftsTopic, String reviewsTopic,
                        Deserializer<DraftFinding> drafts, Deserializer<ReviewDecision> decisions, Worklist worklist) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.draftsTopic = Objects.requireNonNull(draftsTopic, "draftsTopic");
        this.reviewsTopic = Objects.requireNonNull(reviewsTopic, "reviewsTopic");
        this.drafts = Objects.requireNonNull(drafts, "drafts");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.worklist = Objects.requireNonNull(worklist, "worklist");
        this.loop = new ConsumerLoop("triage-review-worklist", consumer, this::run);
    }

    /**
     * Assigns both topics (on the caller's thread, so a missing topic fails start-up with a clear
     * message) and starts reading.
     *
     * @throws IllegalStateException when a topic has no partitions (it does not exist)
     */
    public WorklistFeed start() {
        List<TopicPartition> partitions = new ArrayList<>(partitionsOf(draftsTopic));
        partitions.addAll(partitionsOf(reviewsTopic));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        loop.start();
        return this;
    }

    /** Completes when everything the topics held at start has been read. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** False once the feed has stopped, by {@link #close()} or a failure it could not read past. */
    public boolean running() {
        return loop.running();
    }

    /** Whether the worklist knows what is decided: it has read what the topics held at start and still reads. */
    public boolean ready() {
        return running() && caughtUp.isDone();
    }

    /** Records skipped as unreadable since start. */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Waits until every decision committed to the reviews topic before this call has been read
     * into the worklist.
     *
     * @return false when that did not happen within {@code timeout}
     */
    public boolean awaitReviewsRead(Duration timeout) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        reviewWaiters.add(waiter);
        consumer.wakeup();
        try {
            waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } finally {
            reviewWaiters.remove(waiter);
        }
    }

    /** Stops reading and closes the consumer; the worklist keeps what was read. */
    @Override
    public void close() {
        loop.close();
    }

    private List<TopicPartition> partitionsOf(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions: does it exist?");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void run() {
        try {
            Map<TopicPartition, Long> startTargets = null;
            Map<TopicPartition, Long> reviewTargets = null;
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            while (!loop.stopping()) {
                try {
                    if (startTargets == null) {
                        startTargets = consumer.endOffsets(consumer.assignment());
                    }
                    if (waiting.isEmpty() && !reviewWaiters.isEmpty()) {
                        // Targets first, waiters after: a wakeup in endOffsets must leave no waiter
                        // paired with stale targets, which would release it without reading anything.
                        List<CompletableFuture<Void>> taken = List.copyOf(reviewWaiters);
                        Map<TopicPartition, Long> targets = consumer.endOffsets(reviewPartitions());
                        reviewTargets = targets;
                        waiting.addAll(taken);
                    }
                    apply(consumer.poll(POLL));
                    if (!caughtUp.isDone() && reached(startTargets)) {
                        caughtUp.complete(null);
                        LOG.info("worklist caught up: items={} skipped={}", worklist.size(), skipped.get());
                    }
                    if (!waiting.isEmpty() && reviewTargets != null && reached(reviewTargets)) {
                        waiting.forEach(waiter -> waiter.complete(null));
                        waiting.clear();
                    }
                } catch (WakeupException e) {
                    // close(), or a new waiter whose targets the next round takes.
                }
            }
        } catch (KafkaException | IllegalStateException e) {
            LOG.atError().setMessage("worklist feed stopped")
                    .addKeyValue("stage", "worklist")
                    .addKeyValue("reason", e.getClass().getSimpleName())
                    .setCause(e)
                    .log();
            caughtUp.completeExceptionally(e);
        }
    }

    private List<TopicPartition> reviewPartitions() {
        return consumer.assignment().stream().filter(partition -> partition.topic().equals(reviewsTopic)).toList();
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> retryFrom = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (retryFrom.containsKey(partition) || record.value() == null) {
                // Behind a record that waits for the registry, or a compaction tombstone.
                continue;
            }
            try {
                if (record.topic().equals(draftsTopic)) {
                    worklist.offerDraft(drafts.deserialize(record.topic(), record.headers(), record.value()));
                } else {
                    worklist.offerDecision(decisions.deserialize(record.topic(), record.headers(), record.value()));
                }
            } catch (SchemaRegistryUnreachableException e) {
                retryFrom.put(partition, record.offset());
            } catch (RuntimeException e) {
                skipped.incrementAndGet();
                LOG.atWarn().setMessage("record skipped: not readable")
                        .addKeyValue("stage", "worklist")
                        .addKeyValue("topic", record.topic())
                        .addKeyValue("partition", record.partition())
                        .addKeyValue("offset", record.offset())
                        .addKeyValue("reason", e.getClass().getSimpleName())
                        .log();
            }
        }
        if (!retryFrom.isEmpty()) {
            LOG.atWarn().setMessage("schema registry unreachable: records will be read again")
                    .addKeyValue("stage", "worklist")
                    .addKeyValue("partitions", retryFrom.size())
                    .log();
            retryFrom.forEach(consumer::seek);
            loop.pause(REGISTRY_PAUSE);
        }
    }
}
