package org.imagingtriage.topology.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.schemas.registry.SchemaRegistryUnreachableException;
import org.imagingtriage.topology.review.ReviewOutcome.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the drafts topic for a reviewer: reads committed drafts only (the consumer is configured
 * read_committed), prints each poll's drafts most urgent first ({@link DraftOrder}), and stops
 * after {@code --max} drafts, after an idle timeout, or on {@link #stop()}.
 *
 * <p>Records are read as bytes and deserialized here, one by one, so that a record that is not a
 * readable draft is reported with its topic, partition and offset and skipped, without losing the
 * drafts around it; a consumer-side deserializer would fail the whole poll instead. An unreachable
 * schema registry is not a bad record: it fails the review, and nothing of that poll is committed.
 *
 * <p>Without a group every partition is assigned and nothing is committed. With a group, what was
 * printed (or skipped as unreadable) is committed after each poll, so the group resumes after it.
 */
public final class DraftReviewer {

    private static final Logger LOG = LoggerFactory.getLogger(DraftReviewer.class);
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<DraftFinding> drafts;
    private final String topic;
    private final ReviewOptions options;
    private final DraftPrinter printer;
    private final LongSupplier nanoTime;
    private volatile boolean stopRequested;

    /**
     * @param consumer a consumer the caller owns and closes, configured read_committed, with a
     *     group id exactly when {@code options} name a group
     */
    public DraftReviewer(Consumer<byte[], byte[]> consumer, Deserializer<DraftFinding> drafts, String topic,
                         ReviewOptions options, DraftPrinter printer, LongSupplier nanoTime) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.drafts = Objects.requireNonNull(drafts, "drafts");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.options = Objects.requireNonNull(options, "options");
        this.printer = Objects.requireNonNull(printer, "printer");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** From any thread (a shutdown hook): ends {@link #run()} at its next poll or commit. */
    public void stop() {
        stopRequested = true;
        consumer.wakeup();
    }

    /**
     * Reads and prints until a stop condition; returns how it ended.
     *
     * @throws SchemaRegistryUnreachableException when drafts cannot be read for want of the registry
     * @throws IllegalStateException when the drafts topic has no partitions (it does not exist)
     */
    public ReviewOutcome run() {
        long printed = 0;
        long undeserializable = 0;
        try {
            start();
            long lastActivity = nanoTime.getAsLong();
            while (!stopRequested) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
                long now = nanoTime.getAsLong();
                if (records.isEmpty()) {
                    if (idleFor(now - lastActivity)) {
                        return finish(printed, undeserializable, StopReason.IDLE);
                    }
                    continue;
                }
                lastActivity = now;
                Batch batch = read(records);
                undeserializable += batch.undeserializable;
                List<ArrivedDraft> ordered = new ArrayList<>(batch.drafts);
                ordered.sort(DraftOrder.URGENT_FIRST);
                long room = options.maxDrafts().orElse(Long.MAX_VALUE) - printed;
                List<ArrivedDraft> shown = ordered.subList(0, (int) Math.min(room, ordered.size()));
                shown.forEach(printer::print);
                printed += shown.size();
                commit(records, ordered.subList(shown.size(), ordered.size()));
                if (printed >= options.maxDrafts().orElse(Long.MAX_VALUE)) {
                    return finish(printed, undeserializable, StopReason.MAX_REACHED);
                }
            }
        } catch (WakeupException e) {
            // stop() woke a poll or commit: the normal way out on Ctrl-C.
        }
        return finish(printed, undeserializable, StopReason.STOPPED);
    }

    private void start() {
        if (options.group().isPresent()) {
            consumer.subscribe(List.of(topic), new RewindOnFirstAssignment());
            return;
        }
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions: does it exist?");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(assigned);
        if (options.start() == StartPosition.BEGINNING) {
            consumer.seekToBeginning(assigned);
        } else {
            consumer.seekToEnd(assigned);
        }
    }

    private boolean idleFor(long nanos) {
        return options.idleTimeout().map(idle -> nanos >= idle.toNanos()).orElse(false);
    }

    private Duration pollTimeout() {
        return options.idleTimeout().filter(idle -> idle.compareTo(MAX_POLL) < 0).orElse(MAX_POLL);
    }

    private Batch read(ConsumerRecords<byte[], byte[]> records) {
        Batch batch = new Batch();
        long arrival = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                // A tombstone: compaction's deletion marker on the drafts topic, not a draft.
                continue;
            }
            try {
                DraftFinding draft = drafts.deserialize(record.topic(), record.headers(), record.value());
                batch.drafts.add(new ArrivedDraft(draft, record.topic(), record.partition(), record.offset(), arrival++));
            } catch (SchemaRegistryUnreachableException e) {
                throw e;
            } catch (RuntimeException e) {
                batch.undeserializable++;
                LOG.warn("draft skipped: stage=deserialize topic={} partition={} offset={} reason={}", record.topic(),
                        record.partition(), record.offset(), e.getClass().getSimpleName());
                printer.undeserializable(record.topic(), record.partition(), record.offset(), e);
            }
        }
        return batch;
    }

    /**
     * With a group, commits per partition up to the first draft not printed (cut off by
     * {@code --max}), so none is skipped by the group; a draft printed after it may show again.
     */
    private void commit(ConsumerRecords<byte[], byte[]> records, List<ArrivedDraft> notPrinted) {
        if (options.group().isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            long next = inPartition.get(inPartition.size() - 1).offset() + 1;
            for (ArrivedDraft draft : notPrinted) {
                if (draft.partition() == partition.partition() && draft.topic().equals(partition.topic())) {
                    next = Math.min(next, draft.offset());
                }
            }
            offsets.put(partition, new OffsetAndMetadata(next));
        }
        consumer.commitSync(offsets);
    }

    private ReviewOutcome finish(long printed, long undeserializable, StopReason reason) {
        LOG.info("review finished: printed={} undeserializable={} reason={}", printed, undeserializable, reason);
        return new ReviewOutcome(printed, undeserializable, reason);
    }

    private static final class Batch {
        final List<ArrivedDraft> drafts = new ArrayList<>();
        long undeserializable;
    }

    /** With {@code --from-beginning} and a group: rewinds the partitions the first time they are assigned. */
    private final class RewindOnFirstAssignment implements ConsumerRebalanceListener {

        private final Set<TopicPartition> seen = new HashSet<>();

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (options.start() != StartPosition.BEGINNING) {
                return;
            }
            List<TopicPartition> fresh = partitions.stream().filter(seen::add).toList();
            if (!fresh.isEmpty()) {
                consumer.seekToBeginning(fresh);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Offsets are committed after every poll; nothing is pending here.
        }
    }
}
