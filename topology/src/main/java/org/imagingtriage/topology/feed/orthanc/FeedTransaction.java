package org.imagingtriage.topology.feed.orthanc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.feed.TopicRouter;

/**
 * Groups the feed's sends into Kafka transactions: each event together with the mark that its
 * instance is published, and the position of the last change fully handled, all in the state
 * topic. Either all of a transaction is visible to read_committed readers or none is, so a feed
 * that dies at any point resumes at its last commit and neither skips nor repeats an instance.
 *
 * <p>The in-memory {@link FeedState} changes only after a commit succeeded.
 */
final class FeedTransaction {

    private final Producer<String, byte[]> producer;
    private final Serializer<ImageEvent> events;
    private final TopicRouter router;
    private final String stateTopic;
    private final FeedStateKeys keys;
    private final FeedState state;
    private final int maxEvents;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;

    private final List<String> pendingUids = new ArrayList<>();
    private final Set<String> pendingUidSet = new HashSet<>();
    private final Set<String> seriesAdded = new LinkedHashSet<>();
    private final Set<String> seriesDone = new LinkedHashSet<>();
    private OptionalLong pendingPosition = OptionalLong.empty();
    private boolean open;
    private long openedAt;

    FeedTransaction(Producer<String, byte[]> producer, Serializer<ImageEvent> events, TopicRouter router,
                    String stateTopic, FeedStateKeys keys, FeedState state, int maxEvents, long maxAgeNanos,
                    LongSupplier nanoTime) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.events = Objects.requireNonNull(events, "events");
        this.router = Objects.requireNonNull(router, "router");
        this.stateTopic = Objects.requireNonNull(stateTopic, "stateTopic");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.state = Objects.requireNonNull(state, "state");
        this.maxEvents = maxEvents;
        this.maxAgeNanos = maxAgeNanos;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Published, or in the transaction under way. */
    boolean isPublished(String sopInstanceUid) {
        return state.isPublished(sopInstanceUid) || pendingUidSet.contains(sopInstanceUid);
    }

    void publish(ImageEvent event) {
        begin();
        String topic = router.topicFor(event.getPriority());
        String uid = event.getSopInstanceUid();
        producer.send(new ProducerRecord<>(topic, uid, events.serialize(topic, event)));
        producer.send(new ProducerRecord<>(stateTopic, keys.published(uid),
                event.getEventId().toString().getBytes(StandardCharsets.UTF_8)));
        pendingUids.add(uid);
        pendingUidSet.add(uid);
    }

    /** Remembers that a series has instances and waits to become stable. */
    void markSeriesPending(String seriesId) {
        if (pendingSeries().contains(seriesId)) {
            return;
        }
        seriesDone.remove(seriesId);
        if (!state.pendingSeries().contains(seriesId)) {
            seriesAdded.add(seriesId);
        }
        begin();
        producer.send(new ProducerRecord<>(stateTopic, keys.pendingSeries(seriesId),
                "pending".getBytes(StandardCharsets.UTF_8)));
    }

    /** Forgets a waiting series: its instances are published, or it is gone. */
    void markSeriesDone(String seriesId) {
        if (!pendingSeries().contains(seriesId)) {
            return;
        }
        seriesAdded.remove(seriesId);
        if (state.pendingSeries().contains(seriesId)) {
            seriesDone.add(seriesId);
        }
        begin();
        // A tombstone: compaction removes the mark.
        producer.send(new ProducerRecord<>(stateTopic, keys.pendingSeries(seriesId), null));
    }

    /** The series waiting to become stable, as they will be after a commit. */
    Set<String> pendingSeries() {
        Set<String> pending = new LinkedHashSet<>(state.pendingSeries());
        pending.addAll(seriesAdded);
        pending.removeAll(seriesDone);
        return pending;
    }

    /** Every instance of changes up to {@code seq} is published (or needed none). */
    void handledUpTo(long seq) {
        pendingPosition = OptionalLong.of(seq);
    }

    /** Whether the transaction under way is big or old enough to commit now. */
    boolean due() {
        return open && (pendingUids.size() >= maxEvents || nanoTime.getAsLong() - openedAt >= maxAgeNanos);
    }

    /** The position that {@link #commit()} would write, or the committed one when none is pending. */
    OptionalLong position() {
        return pendingPosition.isPresent() ? pendingPosition : state.position();
    }

    /**
     * Commits the sends and the pending position. A failed send makes the commit throw; the
     * caller aborts and the state stays at the previous commit.
     *
     * @return the number of events the commit made visible
     */
    int commit() {
        boolean moved = pendingPosition.isPresent() && !pendingPosition.equals(state.position());
        if (!open && !moved) {
            return 0;
        }
        begin();
        if (moved) {
            producer.send(new ProducerRecord<>(stateTopic, keys.position(),
                    Long.toString(pendingPosition.getAsLong()).getBytes(StandardCharsets.UTF_8)));
        }
        producer.commitTransaction();
        open = false;
        pendingUids.forEach(state::markPublished);
        seriesAdded.forEach(state::addPendingSeries);
        seriesDone.forEach(state::removePendingSeries);
        pendingPosition.ifPresent(state::moveTo);
        int committed = pendingUids.size();
        forgetPending();
        return committed;
    }

    /** Drops the transaction under way; the state stays at the last commit. */
    void abort() {
        if (open) {
            open = false;
            producer.abortTransaction();
        }
        forgetPending();
    }

    private void begin() {
        if (!open) {
            producer.beginTransaction();
            open = true;
            openedAt = nanoTime.getAsLong();
        }
    }

    private void forgetPending() {
        seriesAdded.clear();
        seriesDone.clear();
        pendingUids.clear();
        pendingUidSet.clear();
        pendingPosition = OptionalLong.empty();
    }
}
