package org.imagingtriage.topology.feed.orthanc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    private final OrthancClient orthanc;
    private final FeedTransaction transaction;
    private final InstanceEvents events;
    private final OrthancFeedOptions options;
    private final Sleeper sleeper;
    private volatile boolean cancelled;

    private long inline;
    private long byReference;
    private long alreadyPublished;
    private long gone;
    private long withoutUid;

    OrthancFeed(OrthancClient orthanc, FeedTransaction transaction, InstanceEvents events, OrthancFeedOptions options,
                Sleeper sleeper) {
        this.orthanc = Objects.requireNonNull(orthanc, "orthanc");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.events = Objects.requireNonNull(events, "events");
        this.options = Objects.requireNonNull(options, "options");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
            while (!cancelled) {
                long since = position;
                ChangesPage page = call("/changes", () -> orthanc.changes(since, options.pageSize())).orElseThrow();
                if (page.changes().isEmpty() && page.last() < position) {
                    throw new OrthancException(Kind.REFUSED, "Orthanc's change log ends at " + page.last()
                            + ", before this feed's position " + position + ": was its database replaced? Start "
                            + "again with --reset (instances already published stay skipped)");
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
                    }
                }
                commit();
                if (page.done() && !cancelled) {
                    if (options.untilIdle()) {
                        break;
                    }
                    sleeper.sleep(options.pollInterval());
                }
            }
            commit();
        } catch (OrthancException | InterruptedException | RuntimeException e) {
            finishAfterFailure(e);
            throw e;
        }
        return summary();
    }

    private long startPosition() throws OrthancException, InterruptedException {
        if (transaction.position().isPresent() && !options.reset()) {
            LOG.info("feed=orthanc stage=start position={} from=STORED", transaction.position().getAsLong());
            return transaction.position().getAsLong();
        }
        long start = options.start() == StartPosition.BEGINNING ? 0
                : call("/changes?last", orthanc::lastChange).orElseThrow();
        LOG.info("feed=orthanc stage=start position={} from={}", start, options.start());
        transaction.handledUpTo(start);
        return start;
    }

    private void publishInstancesOf(OrthancChange change) throws OrthancException, InterruptedException {
        List<String> instances = switch (change.type()) {
            case OrthancChange.NEW_INSTANCE -> options.follow() == FollowMode.NEW_INSTANCE
                    ? List.of(change.resourceId()) : List.of();
            case OrthancChange.STABLE_SERIES -> options.follow() == FollowMode.STABLE_SERIES
                    ? call("/series/{id}", () -> orthanc.seriesInstances(change.resourceId())).orElse(List.of())
                    : List.of();
            default -> List.of();
        };
        for (String instance : instances) {
            if (cancelled) {
                return;
            }
            publishInstance(change.seq(), instance);
            if (transaction.due()) {
                commit();
            }
        }
    }

    private void publishInstance(long seq, String instanceId) throws OrthancException, InterruptedException {
        Optional<Map<String, String>> tags = call("/instances/{id}/simplified-tags",
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
        Optional<ReceivedBody> file = call("/instances/{id}/file",
                () -> orthanc.download(instanceId, options.inlineMaxBytes()));
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
            LOG.warn("feed=orthanc stage=publish seq={} event={} size={} reason=LARGER_THAN_REFERENCE_LIMIT: the "
                    + "pipeline will dead-letter it as IMAGE_TOO_LARGE", seq, event.getEventId(), file.get().size());
        }
    }

    private Object payload(String instanceId, ReceivedBody file) {
        if (file.bytes().isPresent() && file.size() <= options.inlineMaxBytes()) {
            return new InlineImage(ByteBuffer.wrap(file.bytes().get()));
        }
        return new ImageRef(orthanc.fileUri(instanceId).toString(), file.sha256Hex(), file.size());
    }

    /**
     * Makes one call, waiting out unavailability with backoff.
     *
     * @return empty when the resource is gone
     */
    private <T> Optional<T> call(String what, Call<T> call) throws OrthancException, InterruptedException {
        Duration backoff = options.initialBackoff();
        int failures = 0;
        while (true) {
            try {
                T result = call.run();
                if (failures > 0) {
                    LOG.info("feed=orthanc stage=request path={} reason=AVAILABLE_AGAIN after {} failures", what, failures);
                }
                return Optional.of(result);
            } catch (OrthancException e) {
                if (e.kind() == Kind.GONE) {
                    return Optional.empty();
                }
                if (e.kind() == Kind.REFUSED || cancelled) {
                    throw e;
                }
                failures++;
                // Progress made so far is committed before waiting: a long outage must not
                // outlive the transaction's timeout and lose it.
                commit();
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warn("feed=orthanc stage=request path={} reason=ORTHANC_UNAVAILABLE failures={} retryInMs={}: {}",
                            what, failures, backoff.toMillis(), e.getMessage());
                }
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0
                        ? options.maxBackoff() : backoff.multipliedBy(2);
            }
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
        return new OrthancFeedSummary(inline, byReference, alreadyPublished, gone, withoutUid, transaction.position());
    }

    /** The counts so far, for a summary after a failure. */
    public OrthancFeedSummary progress() {
        return summary();
    }
}
