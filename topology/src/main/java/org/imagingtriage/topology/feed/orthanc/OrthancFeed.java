package org.imagingtriage.topology.feed.orthanc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.topology.feed.orthanc.OrthancException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Orthanc's change log and publishes an {@code ImageEvent} per instance, in Kafka
 * transactions that also record which instances are published and how far the log was read.
 *
 * <p>Orthanc being down or slow is waited out with backoff; before each wait the transaction
 * under way is committed, so no progress is lost and no transaction outlives its timeout.
 * Orthanc refusing the feed (credentials, TLS) stops it. An instance deleted before it could be
 * read is counted and skipped. Logs name change seqs and counts, never tags or Orthanc ids.
 */
public final class OrthancFeed {

    private static final Logger LOG = LoggerFactory.getLogger(OrthancFeed.class);

    /** Waits; tests substitute one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws OrthancException, InterruptedException;
    }

    /**
     * Orthanc's own errors about one resource (a 500 for a damaged storage file), in a row, while
     * it answers its change log: waiting longer will not help. With the backoff that is some five
     * minutes. Timeouts, unreachability and overload never count: those are waited out.
     */
    static final int MAX_INSTANCE_ATTEMPTS = 12;

    /** The run was cancelled while waiting for Orthanc: it ends like a cancel between changes. */
    private static final class Cancelled extends Exception {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** One instance cannot be read while Orthanc answers otherwise; it is skipped and counted. */
    private static final class InstanceUnreadable extends Exception {
        private final Kind kind;

        InstanceUnreadable(Kind kind) {
            super(null, null, false, false);
            this.kind = kind;
        }
    }

    private final OrthancClient orthanc;
    private final FeedTransaction transaction;
    private final InstanceEvents events;
    private final OrthancFeedOptions options;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final FeedHeartbeat heartbeat;
    private volatile boolean cancelled;
    private long lastRecheck;
    private boolean recheckDue = true;

    private long inline;
    private long byReference;
    private long alreadyPublished;
    private long gone;
    private long withoutUid;
    private long tooLarge;
    private long unreadable;

    OrthancFeed(OrthancClient orthanc, FeedTransaction transaction, InstanceEvents events, OrthancFeedOptions options,
                Sleeper sleeper, LongSupplier nanoTime, FeedHeartbeat heartbeat) {
        this.orthanc = Objects.requireNonNull(orthanc, "orthanc");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.events = Objects.requireNonNull(events, "events");
        this.options = Objects.requireNonNull(options, "options");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /** Asks the run to stop after the change in hand; what is published by then is committed. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Runs until cancelled, until the log's end with {@code untilIdle}, or until Orthanc refuses.
     *
     * @throws OrthancException of kind REFUSED, after committing what was published
     * @throws org.apache.kafka.common.KafkaException when a commit fails; the transaction is aborted
     */
    public OrthancFeedSummary run() throws OrthancException, InterruptedException {
        try {
            long position = startPosition();
            recheckWaitingSeries(position);
            while (!cancelled) {
                long since = position;
                ChangesPage page = call("/changes", () -> orthanc.changes(since, options.pageSize()));
                if (page.changes().isEmpty() && page.last() < position) {
                    throw new OrthancException(Kind.REFUSED, "Orthanc's change log ends at " + page.last()
                            + ", before this feed's position " + position + ": was its database replaced? Start "
                            + "again with --reset --from BEGINNING (instances already published stay skipped)");
                }
                for (OrthancChange change : page.changes()) {
                    if (cancelled) {
                        break;
                    }
                    publishInstancesOf(change);
                    if (cancelled) {
                        // Perhaps part of the change only: the next run handles it again, skipping
                        // the instances this one published.
                        break;
                    }
                    transaction.handledUpTo(change.seq());
                    position = change.seq();
                    if (transaction.due()) {
                        commit();
                        // Progress within a long page (a backlog of large files) is a sign of life too.
                        heartbeat.beat();
                    }
                }
                commit();
                heartbeat.beat();
                if (page.done() && !cancelled) {
                    if (options.untilIdle() || recheckDue()) {
                        recheckWaitingSeries(position);
                    }
                    if (options.untilIdle() || cancelled) {
                        break;
                    }
                    sleeper.sleep(options.pollInterval());
                }
            }
            commit();
        } catch (Cancelled stopped) {
            try {
                commit();
            } catch (RuntimeException e) {
                finishAfterFailure(e);
                throw e;
            }
        } catch (OrthancException | InterruptedException | RuntimeException e) {
            finishAfterFailure(e);
            throw e;
        }
        return summary();
    }

    private long startPosition() throws OrthancException, InterruptedException, Cancelled {
        if (transaction.position().isPresent() && !options.reset()) {
            LOG.info("feed=orthanc stage=start position={} from=STORED", transaction.position().getAsLong());
            return transaction.position().getAsLong();
        }
        long start = options.start() == StartPosition.BEGINNING ? 0
                : call("/changes?last", orthanc::lastChange);
        LOG.info("feed=orthanc stage=start position={} from={}", start, options.start());
        transaction.handledUpTo(start);
        return start;
    }

    private void publishInstancesOf(OrthancChange change) throws OrthancException, InterruptedException, Cancelled {
        if (options.follow() == FollowMode.NEW_INSTANCE) {
            if (change.type().equals(OrthancChange.NEW_INSTANCE)) {
                publishInstance(change.seq(), change.resourceId());
            }
            return;
        }
        switch (change.type()) {
            case OrthancChange.NEW_INSTANCE -> rememberSeriesOf(change);
            case OrthancChange.STABLE_SERIES -> publishSeries(change.seq(), change.resourceId(), true);
            default -> {
                // Other changes only move the position.
            }
        }
    }

    /**
     * Orthanc logs StableSeries only when it keeps running for StableAge after a series' last
     * instance; stopped sooner, it never does. So the feed remembers each series an instance
     * arrives in, durably, until its StableSeries change, and asks Orthanc about the ones still
     * waiting when it starts, after an outage, and every so often while idle.
     */
    private void rememberSeriesOf(OrthancChange change) throws OrthancException, InterruptedException, Cancelled {
        try {
            callForOne("/instances/{id}", () -> orthanc.parentSeries(change.resourceId()))
                    .ifPresent(transaction::markSeriesPending);
        } catch (InstanceUnreadable e) {
            unreadable++;
            LOG.error("feed=orthanc stage=read seq={} reason=INSTANCE_UNREADABLE: its series is not known", change.seq());
        }
    }

    /**
     * Publishes a series' instances, when it is stable or {@code announcedStable} (a StableSeries
     * change), and forgets it as waiting; a series that is gone is forgotten too.
     */
    private void publishSeries(long seq, String seriesId, boolean announcedStable)
            throws OrthancException, InterruptedException, Cancelled {
        Optional<OrthancSeries> series;
        try {
            series = callForOne("/series/{id}", () -> orthanc.series(seriesId));
        } catch (InstanceUnreadable e) {
            // Still waiting: asked again at the next recheck, never forgotten unread.
            transaction.markSeriesPending(seriesId);
            LOG.error("feed=orthanc stage=read seq={} reason=SERIES_UNREADABLE kind={}: kept waiting, asked again "
                    + "later", seq, e.kind);
            return;
        }
        if (series.isPresent() && !announcedStable && !series.get().stable()) {
            return;
        }
        for (String instance : series.map(OrthancSeries::instances).orElse(List.of())) {
            if (cancelled) {
                return;
            }
            publishInstance(seq, instance);
            if (transaction.due()) {
                commit();
            }
        }
        transaction.markSeriesDone(seriesId);
    }

    /** Publishes the waiting series Orthanc now says are stable (their StableSeries change was lost). */
    private void recheckWaitingSeries(long seq) throws OrthancException, InterruptedException, Cancelled {
        lastRecheck = nanoTime.getAsLong();
        recheckDue = false;
        if (options.follow() != FollowMode.STABLE_SERIES) {
            return;
        }
        for (String seriesId : List.copyOf(transaction.pendingSeries())) {
            if (cancelled) {
                return;
            }
            publishSeries(seq, seriesId, false);
        }
        commit();
    }

    private boolean recheckDue() {
        return recheckDue || nanoTime.getAsLong() - lastRecheck >= options.seriesRecheckInterval().toNanos();
    }

    private void publishInstance(long seq, String instanceId) throws OrthancException, InterruptedException, Cancelled {
        try {
            publishReadable(seq, instanceId);
        } catch (InstanceUnreadable e) {
            if (e.kind == Kind.TOO_LARGE) {
                tooLarge++;
                LOG.error("feed=orthanc stage=read seq={} reason=TAGS_TOO_LARGE: the instance's tags exceed what the "
                        + "feed reads; not published", seq);
            } else {
                unreadable++;
                LOG.error("feed=orthanc stage=read seq={} reason=INSTANCE_UNREADABLE attempts={}: Orthanc answers "
                        + "but not for this instance; it is not published", seq, MAX_INSTANCE_ATTEMPTS);
            }
        }
    }

    private void publishReadable(long seq, String instanceId)
            throws OrthancException, InterruptedException, Cancelled, InstanceUnreadable {
        Optional<Map<String, String>> tags = callForOne("/instances/{id}/simplified-tags",
                () -> orthanc.instanceTags(instanceId));
        if (tags.isEmpty()) {
            gone++;
            LOG.info("feed=orthanc stage=read seq={} reason=INSTANCE_GONE", seq);
            return;
        }
        String uid = tags.get().get(InstanceEvents.SOP_INSTANCE_UID);
        if (uid == null || uid.isBlank()) {
            withoutUid++;
            LOG.warn("feed=orthanc stage=read seq={} reason=NO_SOP_INSTANCE_UID: not published", seq);
            return;
        }
        if (transaction.isPublished(uid.trim())) {
            alreadyPublished++;
            return;
        }
        // Read to the end even past the reference limit, only hashed: such an instance is still
        // published, and the pipeline dead-letters it (IMAGE_TOO_LARGE) where operators see it.
        Optional<ReceivedBody> file = callForOne("/instances/{id}/file",
                () -> orthanc.download(instanceId, options.inlineMaxBytes(), Long.MAX_VALUE));
        if (file.isEmpty()) {
            gone++;
            LOG.info("feed=orthanc stage=download seq={} reason=INSTANCE_GONE", seq);
            return;
        }
        Map<String, String> trimmedTags = new HashMap<>(tags.get());
        trimmedTags.put(InstanceEvents.SOP_INSTANCE_UID, uid.trim());
        ImageEvent event = events.create(trimmedTags, payload(instanceId, file.get()));
        transaction.publish(event);
        if (event.getPayload() instanceof InlineImage) {
            inline++;
        } else {
            byReference++;
        }
        if (file.get().size() > options.maxReferenceBytes()) {
            tooLarge++;
            LOG.warn("feed=orthanc stage=publish seq={} event={} reason=LARGER_THAN_REFERENCE_LIMIT: the pipeline "
                    + "dead-letters it as IMAGE_TOO_LARGE", seq, event.getEventId());
        }
    }

    private Object payload(String instanceId, ReceivedBody file) {
        if (file.bytes().isPresent() && file.size() <= options.inlineMaxBytes()) {
            return new InlineImage(ByteBuffer.wrap(file.bytes().get()));
        }
        return new ImageRef(orthanc.fileUri(instanceId).toString(), file.sha256Hex(), file.size());
    }

    /** A call about the whole log: waits out unavailability for as long as it lasts. */
    private <T> T call(String what, Call<T> call) throws OrthancException, InterruptedException, Cancelled {
        try {
            return attempt(what, call, false).orElseThrow(() -> new OrthancException(Kind.UNAVAILABLE,
                    "GET " + what + " answered 'unknown resource'"));
        } catch (InstanceUnreadable e) {
            throw new OrthancException(Kind.REFUSED, "GET " + what + ": the answer is larger than the feed accepts");
        }
    }

    /**
     * A call about one instance or series.
     *
     * @return empty when the resource is gone
     * @throws InstanceUnreadable when its answer is too large, or it keeps failing while Orthanc answers
     */
    private <T> Optional<T> callForOne(String what, Call<T> call)
            throws OrthancException, InterruptedException, Cancelled, InstanceUnreadable {
        return attempt(what, call, true);
    }

    private <T> Optional<T> attempt(String what, Call<T> call, boolean oneResource)
            throws OrthancException, InterruptedException, Cancelled, InstanceUnreadable {
        Duration backoff = options.initialBackoff();
        int failures = 0;
        int resourceErrors = 0;
        while (true) {
            // A transaction holds at most one request past the commit interval: its timeout is sized so.
            if (transaction.due()) {
                commit();
            }
            try {
                T result = call.run();
                if (failures > 0) {
                    LOG.info("feed=orthanc stage=request path={} reason=AVAILABLE_AGAIN after {} failures", what, failures);
                    // Orthanc may have restarted and lost the StableSeries changes it had not logged yet.
                    recheckDue = true;
                }
                return Optional.of(result);
            } catch (OrthancException e) {
                if (e.kind() == Kind.GONE) {
                    return Optional.empty();
                }
                if (e.kind() == Kind.TOO_LARGE) {
                    throw new InstanceUnreadable(Kind.TOO_LARGE);
                }
                if (e.kind() == Kind.REFUSED) {
                    throw e;
                }
                if (cancelled) {
                    throw new Cancelled();
                }
                failures++;
                resourceErrors = e.aboutTheResource() ? resourceErrors + 1 : 0;
                if (oneResource && resourceErrors >= MAX_INSTANCE_ATTEMPTS && orthancAnswers()) {
                    throw new InstanceUnreadable(Kind.UNAVAILABLE);
                }
                // Progress made so far is committed before waiting: a long outage must not
                // outlive the transaction's timeout and lose it.
                commit();
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warn("feed=orthanc stage=request path={} reason=ORTHANC_UNAVAILABLE failures={} retryInMs={}: {}",
                            what, failures, backoff.toMillis(), e.getMessage());
                }
                sleeper.sleep(backoff);
                if (cancelled) {
                    throw new Cancelled();
                }
                backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0
                        ? options.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    /** Whether Orthanc answers its change log, so that one resource's failures are its own. */
    private boolean orthancAnswers() throws InterruptedException {
        try {
            orthanc.lastChange();
            return true;
        } catch (OrthancException e) {
            return false;
        }
    }

    private void commit() {
        int committed = transaction.commit();
        if (committed > 0) {
            LOG.info("feed=orthanc stage=commit events={} position={}", committed,
                    transaction.position().orElse(-1));
        }
    }

    /**
     * After Orthanc refused or the run was interrupted, what is complete is committed; after a
     * Kafka failure the transaction is aborted, since its sends may be incomplete.
     */
    private void finishAfterFailure(Exception failure) {
        if (failure instanceof OrthancException || failure instanceof InterruptedException) {
            try {
                commit();
                return;
            } catch (RuntimeException commitFailure) {
                failure.addSuppressed(commitFailure);
            }
        }
        try {
            transaction.abort();
        } catch (RuntimeException abortFailure) {
            failure.addSuppressed(abortFailure);
        }
    }

    private OrthancFeedSummary summary() {
        return new OrthancFeedSummary(inline, byReference, alreadyPublished, gone, withoutUid, tooLarge, unreadable,
                transaction.position());
    }

    /** The counts so far, for a summary after a failure. */
    public OrthancFeedSummary progress() {
        return summary();
    }
}
