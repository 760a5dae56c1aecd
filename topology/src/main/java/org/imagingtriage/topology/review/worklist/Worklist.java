package org.imagingtriage.topology.review.worklist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.topology.review.DraftOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drafts awaiting or carrying a review, one per image (SOP Instance UID), as the drafts and
 * reviews topics describe them: a newer draft of an image replaces the older one and its
 * decision, and a decision applies only to the draft of its own event.
 *
 * <p>Both topics are read by one consumer, so a decision can arrive before its draft (the reviews
 * partition was fetched first); it waits, bounded, until the draft comes.
 *
 * <p>Capacity is a hard cap: when full, the oldest decided item goes first, then the oldest
 * pending one; every eviction is logged and counted, since a pending draft leaving the
 * worklist is work a reviewer no longer sees here.
 *
 * <p>Listeners run under the worklist's lock, on the thread that made the change, so they see
 * changes in the order they were made; they must be quick and must not block (hand work to a
 * queue).
 */
public final class Worklist {

    /** Pending before decided, then most urgent, then longest waiting (drafted first), then arrival. */
    public static final Comparator<WorklistItem> REVIEW_ORDER = Comparator
            .comparing(WorklistItem::decided)
            .thenComparing(WorklistItem::draft, DraftOrder.MOST_URGENT)
            .thenComparing(item -> item.draft().getLatency().getDraftedAt())
            .thenComparingLong(WorklistItem::arrival);

    private static final Logger LOG = LoggerFactory.getLogger(Worklist.class);

    private final int capacity;
    private final Map<String, WorklistItem> items = new LinkedHashMap<>();
    private final Map<String, ReviewDecision> earlyDecisions;
    private final List<Consumer<WorklistChange>> listeners = new CopyOnWriteArrayList<>();
    private long arrivals;
    private long evicted;
    private long version;

    public Worklist(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the worklist capacity must be at least 1");
        }
        this.capacity = capacity;
        this.earlyDecisions = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ReviewDecision> eldest) {
                return size() > capacity;
            }
        };
    }

    public void addListener(Consumer<WorklistChange> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** A draft from the drafts topic: new, a newer one for its image, or the same one again. */
    public synchronized void offerDraft(DraftFinding draft) {
        Objects.requireNonNull(draft, "draft");
        String sop = draft.getSopInstanceUid();
        Optional<WorklistItem> before = Optional.ofNullable(items.get(sop));
        WorklistItem after;
        if (before.isPresent() && before.get().eventId().equals(draft.getEventId())) {
            // The same draft again (a re-read, or the pipeline re-published it): keep its decision
            // and its place in the eviction order (put on a present key does not move it).
            after = new WorklistItem(draft, before.get().arrival(), before.get().decision());
            items.put(sop, after);
        } else {
            Optional<ReviewDecision> early = Optional.ofNullable(earlyDecisions.get(sop))
                    .filter(decision -> decision.getEventId().equals(draft.getEventId()));
            early.ifPresent(decision -> earlyDecisions.remove(sop));
            after = new WorklistItem(draft, arrivals++, early);
            items.remove(sop);
            items.put(sop, after);
        }
        evictBeyondCapacity();
        version++;
        notifyListeners(new WorklistChange(before, after));
    }

    /**
     * A decision from the reviews topic or the console itself. One for another event than the
     * image's current draft waits, bounded, for that draft: it may be a newer draft not read yet.
     */
    public synchronized void offerDecision(ReviewDecision decision) {
        Objects.requireNonNull(decision, "decision");
        String sop = decision.getSopInstanceUid();
        WorklistItem before = items.get(sop);
        if (before == null || !before.eventId().equals(decision.getEventId())) {
            // Its draft has not been read yet (or is an older one, then it never comes): it waits, bounded.
            earlyDecisions.put(sop, decision);
            return;
        }
        if (before.decision().filter(current -> sameAction(current, decision)).isPresent()) {
            return;
        }
        WorklistItem after = before.withDecision(decision);
        items.put(sop, after);
        version++;
        notifyListeners(new WorklistChange(Optional.of(before), after));
    }

    /** The same record, or the same action written twice (one id): a decision is recorded once. */
    private static boolean sameAction(ReviewDecision current, ReviewDecision offered) {
        return current.equals(offered)
                || current.getDecisionId() != null && current.getDecisionId().equals(offered.getDecisionId());
    }

    public synchronized Optional<WorklistItem> item(String sopInstanceUid) {
        return Optional.ofNullable(items.get(sopInstanceUid));
    }

    /** Every item, in no particular order (cheaper than {@link #snapshot()}). */
    public synchronized List<WorklistItem> items() {
        return new ArrayList<>(items.values());
    }

    /** Every item in {@link #REVIEW_ORDER}. */
    public synchronized List<WorklistItem> snapshot() {
        List<WorklistItem> snapshot = new ArrayList<>(items.values());
        snapshot.sort(REVIEW_ORDER);
        return snapshot;
    }

    /**
     * Runs {@code subscribe} and takes a snapshot under one lock, so a listener it adds sees every
     * change after the snapshot and none before it.
     */
    public synchronized List<WorklistItem> snapshotAfter(Runnable subscribe) {
        subscribe.run();
        return snapshot();
    }

    public synchronized int size() {
        return items.size();
    }

    public synchronized long pending() {
        return items.values().stream().filter(item -> !item.decided()).count();
    }

    /** Grows with every change: equal versions mean equal contents. */
    public synchronized long version() {
        return version;
    }

    /** Items dropped for want of room since start. */
    public synchronized long evicted() {
        return evicted;
    }

    private void evictBeyondCapacity() {
        while (items.size() > capacity) {
            String victim = oldest(true).orElseGet(() -> oldest(false).orElseThrow());
            WorklistItem removed = items.remove(victim);
            evicted++;
            LOG.atWarn().setMessage("worklist full: oldest item dropped")
                    .addKeyValue("stage", "worklist")
                    .addKeyValue("eventId", removed.eventId())
                    .addKeyValue("decided", removed.decided())
                    .addKeyValue("capacity", capacity)
                    .log();
        }
    }

    /** Insertion order is arrival order, so the first match is the oldest. */
    private Optional<String> oldest(boolean decided) {
        Iterator<WorklistItem> iterator = items.values().iterator();
        while (iterator.hasNext()) {
            WorklistItem item = iterator.next();
            if (item.decided() == decided) {
                return Optional.of(item.sopInstanceUid());
            }
        }
        return Optional.empty();
    }

    private void notifyListeners(WorklistChange change) {
        for (Consumer<WorklistChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.atWarn().setMessage("worklist listener failed")
                        .addKeyValue("stage", "worklist")
                        .addKeyValue("eventId", change.after().eventId())
                        .addKeyValue("reason", e.getClass().getSimpleName())
                        .log();
            }
        }
    }
}
