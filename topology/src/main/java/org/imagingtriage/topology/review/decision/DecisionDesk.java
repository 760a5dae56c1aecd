package org.imagingtriage.topology.review.decision;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.topology.review.decision.DecisionResult.Outcome;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.imagingtriage.topology.review.worklist.WorklistItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns reviewer actions into decisions on the reviews topic, exactly once per action.
 *
 * <p>An action carries an id its client made once and reuses on retries. A retry of an action
 * already written is answered {@link Outcome#ALREADY_RECORDED} without writing. A write that failed
 * or timed out may still have landed, so its draft is then in doubt: the next action on that draft,
 * whether the retry or another one, first waits until the worklist has read every decision
 * committed to the reviews topic and finds the write there if it landed. A retry whose first write
 * did not land sends that same record again (same time, same id), so a late landing of the first
 * is recognised as the same action. Actions on one image are serialized; different images proceed
 * in parallel.
 *
 * <p>No decision is taken while the worklist is not {@code ready} (still reading what the topics
 * held at start, or its feed stopped): it could not know what is already decided.
 *
 * <p>One decision per draft: a second action on a decided draft is refused, and so is an action
 * on a draft the image no longer has (a newer one arrived). Several consoles on one topic each
 * enforce this for their own actions; across consoles the last decision written wins.
 */
public final class DecisionDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionDesk.class);
    private static final int STRIPES = 64;
    private static final int MAX_IN_DOUBT = 10_000;

    private final Worklist worklist;
    private final DecisionWriter writer;
    private final BooleanSupplier ready;
    private final Predicate<Duration> reviewsRead;
    private final Duration doubtCheck;
    private final ReviewMetrics metrics;
    private final Clock clock;
    private final Object[] stripes = new Object[STRIPES];
    /** Drafts whose last write is in doubt, with the record that was sent. */
    private final Map<DraftKey, ReviewDecision> inDoubt = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DraftKey, ReviewDecision> eldest) {
            return size() > MAX_IN_DOUBT;
        }
    };

    /**
     * @param ready whether the worklist knows what is decided: it has read what the topics held at
     *     start and is still reading
     * @param reviewsRead waits up to the given time until the worklist has read every decision
     *     committed before the call; false when it could not ({@code WorklistFeed::awaitReviewsRead})
     * @param doubtCheck how long an action on a draft in doubt waits for that
     */
    public DecisionDesk(Worklist worklist, DecisionWriter writer, BooleanSupplier ready,
                        Predicate<Duration> reviewsRead, Duration doubtCheck, ReviewMetrics metrics, Clock clock) {
        this.worklist = Objects.requireNonNull(worklist, "worklist");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.ready = Objects.requireNonNull(ready, "ready");
        this.reviewsRead = Objects.requireNonNull(reviewsRead, "reviewsRead");
        this.doubtCheck = Objects.requireNonNull(doubtCheck, "doubtCheck");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Records the action unless it was recorded before or does not apply.
     *
     * @throws DecisionNotWrittenException when it could not be written, the worklist is not ready,
     *     or an earlier write on the draft cannot be confirmed yet: the client retries the same
     *     action later
     */
    public DecisionResult decide(DecisionRequest request) {
        Objects.requireNonNull(request, "request");
        if (!ready.getAsBoolean()) {
            throw new DecisionNotWrittenException("the worklist is not ready (still reading the drafts and "
                    + "reviews topics, or stopped)", null);
        }
        synchronized (stripes[Math.floorMod(request.sopInstanceUid().hashCode(), STRIPES)]) {
            DraftKey draftKey = new DraftKey(request.sopInstanceUid(), request.eventId());
            Optional<ReviewDecision> doubted = takeDoubt(draftKey);
            if (doubted.isPresent() && !reviewsRead.test(doubtCheck)) {
                putDoubt(draftKey, doubted.get());
                throw new DecisionNotWrittenException("an earlier write on this draft may have landed and the "
                        + "reviews topic could not be read to confirm it", null);
            }
            Optional<WorklistItem> current = worklist.item(request.sopInstanceUid());
            if (current.isEmpty()) {
                return new DecisionResult(Outcome.UNKNOWN_DRAFT, current);
            }
            WorklistItem item = current.get();
            if (!item.eventId().equals(request.eventId())) {
                return new DecisionResult(Outcome.SUPERSEDED, current);
            }
            if (item.decision().isPresent()) {
                ReviewDecision existing = item.decision().get();
                boolean same = request.decisionId().equals(existing.getDecisionId());
                if (doubted.filter(sent -> sent.getDecisionId().equals(existing.getDecisionId())).isPresent()) {
                    // The write in doubt landed: it is this console's decision, counted now.
                    metrics.recorded(item.draft(), existing);
                }
                return new DecisionResult(same ? Outcome.ALREADY_RECORDED : Outcome.ALREADY_DECIDED, current);
            }
            // The first attempt did not land: send the very record again, so that a late landing of
            // the first one is the same action and not a second decision.
            ReviewDecision decision = doubted.filter(sent -> sent.getDecisionId().equals(request.decisionId()))
                    .orElseGet(() -> newDecision(request));
            try {
                writer.write(decision);
            } catch (DecisionNotWrittenException e) {
                putDoubt(draftKey, decision);
                metrics.writeFailed();
                LOG.atWarn().setMessage("decision not written")
                        .addKeyValue("stage", "review")
                        .addKeyValue("eventId", request.eventId())
                        .addKeyValue("decisionId", request.decisionId())
                        .addKeyValue("reason", e.getMessage())
                        .log();
                throw e;
            }
            worklist.offerDecision(decision);
            metrics.recorded(item.draft(), decision);
            LOG.atInfo().setMessage("decision recorded")
                    .addKeyValue("stage", "review")
                    .addKeyValue("eventId", request.eventId())
                    .addKeyValue("decisionId", request.decisionId())
                    .addKeyValue("decision", request.decision())
                    .log();
            return new DecisionResult(Outcome.RECORDED, worklist.item(request.sopInstanceUid()));
        }
    }

    private ReviewDecision newDecision(DecisionRequest request) {
        return ReviewDecision.newBuilder()
                .setSopInstanceUid(request.sopInstanceUid())
                .setEventId(request.eventId())
                .setReviewer(request.reviewer())
                .setDecision(request.decision())
                .setEditedText(request.editedText().orElse(null))
                .setDecidedAt(clock.instant())
                .setDecisionId(request.decisionId())
                .build();
    }

    private Optional<ReviewDecision> takeDoubt(DraftKey draft) {
        synchronized (inDoubt) {
            return Optional.ofNullable(inDoubt.remove(draft));
        }
    }

    private void putDoubt(DraftKey draft, ReviewDecision sent) {
        synchronized (inDoubt) {
            inDoubt.put(draft, sent);
        }
    }

    /** One draft: an image and the event it was drafted from. */
    private record DraftKey(String sopInstanceUid, UUID eventId) {
    }
}
