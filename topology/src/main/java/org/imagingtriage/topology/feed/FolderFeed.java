package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.imagingtriage.contract.ImageEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link FeedPlan}: for each pass and image, reads the payload, builds the event,
 * sends it keyed by SOP Instance UID to the topic its priority routes to, and counts what the
 * brokers acknowledge. Sends are asynchronous (the producer batches and pipelines them); the run
 * ends only when every send has been acknowledged or has failed.
 *
 * <p>A file that cannot be read, or whose send fails, fails alone. Failures that would fail every
 * following send too (the schema registry or the brokers unreachable, not authorised) stop the
 * run: the rest is reported as not sent rather than failed one by one after long timeouts.
 *
 * <p>Logs carry event ids, topics and reasons; file names go to the console only.
 */
public final class FolderFeed {

    private static final Logger LOG = LoggerFactory.getLogger(FolderFeed.class);
    private static final long WAIT_SLICE_MILLIS = 200;

    private final FeedSettings settings;
    private final ImageEventFactory events;
    private final TopicRouter router;
    private final ReferenceCheck references;
    private final FeedConsole console;
    private final LongSupplier nanoTime;
    private volatile boolean cancelled;

    public FolderFeed(FeedSettings settings, ImageEventFactory events, TopicRouter router, ReferenceCheck references,
                      FeedConsole console, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
        this.router = Objects.requireNonNull(router, "router");
        this.references = Objects.requireNonNull(references, "references");
        this.console = Objects.requireNonNull(console, "console");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Asks a running {@link #publish} to stop before its next image (Ctrl-C). Images already sent
     * are still awaited, so the summary says truthfully what reached the brokers.
     */
    public void cancel() {
        cancelled = true;
    }

    /** Lists what {@link #publish} would send, reading no image and touching no broker. */
    public FeedSummary dryRun(FeedPlan plan) {
        long start = nanoTime.getAsLong();
        console.plan(plan, settings.repeat(), true);
        plan.skipped().forEach(console::skipped);
        long refused = warnAboutReferences(plan);
        for (PlannedImage planned : plan.images()) {
            console.wouldPublish(planned, router.topicFor(planned.metadata().priority()));
        }
        long passes = settings.repeat();
        FeedSummary summary = new FeedSummary(true, plan.images().size() * passes,
                plan.count(PayloadKind.INLINE) * passes, plan.count(PayloadKind.REFERENCE) * passes,
                plan.totalBytes() * passes, plan.skipped(), List.of(), 0, refused, Optional.empty(),
                Duration.ofNanos(nanoTime.getAsLong() - start));
        console.summary(summary);
        return summary;
    }

    /** Publishes the plan through {@code producer}, which the caller owns and closes. */
    public FeedSummary publish(FeedPlan plan, Producer<String, ImageEvent> producer) throws InterruptedException {
        console.plan(plan, settings.repeat(), false);
        plan.skipped().forEach(console::skipped);
        long refused = warnAboutReferences(plan);
        long planned = (long) plan.images().size() * settings.repeat();
        LOG.info("feed started: images={} passes={} skipped={} inline={} reference={}", plan.images().size(),
                settings.repeat(), plan.skipped().size(), plan.count(PayloadKind.INLINE),
                plan.count(PayloadKind.REFERENCE));

        Run run = new Run(producer, Optional.of(new FeedProgress(console, planned, settings, nanoTime)),
                settings.verbose());
        passes:
        for (int pass = 1; pass <= settings.repeat(); pass++) {
            FeedPass feedPass = events.newPass();
            for (PlannedImage image : plan.images()) {
                if (cancelled) {
                    run.stop("interrupted");
                    break passes;
                }
                pause(run.attempted);
                if (!run.send(image, feedPass)) {
                    break passes;
                }
                run.absorb();
                if (run.abortReason.isPresent()) {
                    break passes;
                }
            }
        }
        run.awaitAcknowledgements();

        FeedSummary summary = new FeedSummary(false, planned, run.inline, run.byReference, run.bytes,
                plan.skipped(), run.failed, planned - run.attempted, refused, run.abortReason, run.elapsed());
        logFinished(summary);
        console.summary(summary);
        return summary;
    }

    /**
     * A run fed image by image, as a watched folder delivers them ({@link FolderWatch}): no plan,
     * no progress lines, a line per acknowledged image instead. End it with {@link Run#finish()}.
     */
    Run startLive(Producer<String, ImageEvent> producer) {
        LOG.info("feed started: live");
        return new Run(producer, Optional.empty(), true);
    }

    /** A new pass: the UIDs minted for a batch of images (one study, a series per directory). */
    FeedPass newPass() {
        return events.newPass();
    }

    private static void logFinished(FeedSummary summary) {
        LOG.info("feed finished: published={} inline={} reference={} skipped={} failed={} notSent={} elapsedMs={}",
                summary.published(), summary.publishedInline(), summary.publishedByReference(),
                summary.skipped().size(), summary.failed().size(), summary.notSent(), summary.elapsed().toMillis());
    }

    private long warnAboutReferences(FeedPlan plan) {
        List<PlannedImage> referenced = plan.images().stream()
                .filter(planned -> planned.payloadKind() == PayloadKind.REFERENCE)
                .toList();
        if (referenced.isEmpty()) {
            return 0;
        }
        if (references.schemeProblem().isPresent()) {
            console.warning(referenced.size() + " image(s) go by reference, but "
                    + references.schemeProblem().get());
            return referenced.size();
        }
        return referenced.stream().filter(this::warnIfRefused).count();
    }

    /** Warns when the pipeline, configured as this feed is, would refuse this image's reference. */
    private boolean warnIfRefused(PlannedImage planned) {
        Optional<String> problem = references.problemWith(ImagePayloads.uriOf(planned.image()));
        problem.ifPresent(why -> console.referenceWarning(planned, why));
        return problem.isPresent();
    }

    private void pause(long attempted) throws InterruptedException {
        if (attempted > 0 && !settings.interval().isZero()) {
            Thread.sleep(settings.interval().toMillis(), settings.interval().toNanosPart() % 1_000_000);
        }
    }

    /** The counts of one publish run; used by the feed's thread only. */
    final class Run {

        private final Producer<String, ImageEvent> producer;
        private final SendTracker tracker = new SendTracker();
        private final Optional<FeedProgress> progress;
        private final boolean linePerImage;
        private final long startNanos = nanoTime.getAsLong();
        private final List<FailedFile> failed = new ArrayList<>();
        private final List<SkippedFile> skipped = new ArrayList<>();
        private long attempted;
        private long inline;
        private long byReference;
        private long bytes;
        private long refusedReferences;
        private boolean schemeWarned;
        private Optional<String> abortReason = Optional.empty();

        private Run(Producer<String, ImageEvent> producer, Optional<FeedProgress> progress, boolean linePerImage) {
            this.producer = producer;
            this.progress = progress;
            this.linePerImage = linePerImage;
        }

        /** Sends one image; false when the send failed in a way that stops the run. */
        boolean send(PlannedImage image, FeedPass feedPass) {
            attempted++;
            ImageEvent event;
            try {
                event = events.create(image, feedPass.identify(image), ImagePayloads.read(image));
            } catch (IOException e) {
                // The exception's message may hold the path: the console gets it, the log its type.
                LOG.warn("image not published: stage=read reason={}", e.getClass().getSimpleName());
                fail(image, e.getClass().getSimpleName() + ": " + e.getMessage());
                return true;
            }
            String topic = router.topicFor(event.getPriority());
            String eventId = event.getEventId().toString();
            try {
                producer.send(new ProducerRecord<>(topic, event.getSopInstanceUid(), event),
                        tracker.sending(image, eventId));
                return true;
            } catch (RuntimeException e) {
                tracker.notSent();
                // Thrown, not reported through the callback: serialization (the schema registry) or a
                // closed producer. Every following send would fail the same way.
                LOG.warn("event not published: eventId={} stage=send reason={}", eventId,
                        e.getClass().getSimpleName());
                fail(image, e.getClass().getSimpleName() + ": " + e.getMessage());
                stop("sending failed: " + e.getClass().getSimpleName());
                return false;
            }
        }

        /** Warns, as the one-shot feed does for its whole plan, when the pipeline would refuse this reference. */
        void warnAboutReference(PlannedImage image) {
            if (image.payloadKind() != PayloadKind.REFERENCE) {
                return;
            }
            if (references.schemeProblem().isPresent()) {
                if (!schemeWarned) {
                    console.warning("images go by reference, but " + references.schemeProblem().get());
                    schemeWarned = true;
                }
                refusedReferences++;
                return;
            }
            if (warnIfRefused(image)) {
                refusedReferences++;
            }
        }

        void skip(SkippedFile file) {
            skipped.add(file);
            console.skipped(file);
        }

        void fail(String displayName, String reason) {
            FailedFile file = new FailedFile(displayName, reason);
            failed.add(file);
            console.failed(file);
        }

        boolean stopped() {
            return abortReason.isPresent();
        }

        /** Waits for the outstanding acknowledgements, prints and returns the summary of a live run. */
        FeedSummary finish() throws InterruptedException {
            awaitAcknowledgements();
            FeedSummary summary = new FeedSummary(false, attempted, inline, byReference, bytes, skipped, failed, 0,
                    refusedReferences, abortReason, elapsed());
            logFinished(summary);
            console.summary(summary);
            return summary;
        }

        Duration elapsed() {
            return Duration.ofNanos(nanoTime.getAsLong() - startNanos);
        }

        void fail(PlannedImage image, String reason) {
            fail(image.image().displayName(), reason);
        }

        void stop(String reason) {
            if (abortReason.isEmpty()) {
                abortReason = Optional.of(reason);
            }
        }

        /** Counts and prints the outcomes that arrived; stops the run on a failure every send would share. */
        void absorb() {
            for (SendTracker.Outcome outcome : tracker.drain()) {
                PlannedImage image = outcome.planned();
                if (outcome.acknowledged()) {
                    if (image.payloadKind() == PayloadKind.INLINE) {
                        inline++;
                    } else {
                        byReference++;
                    }
                    bytes += image.image().sizeBytes();
                    LOG.debug("event published: eventId={} topic={} partition={} offset={}", outcome.eventId(),
                            outcome.metadata().topic(), outcome.metadata().partition(), outcome.metadata().offset());
                    if (linePerImage) {
                        console.published(image, outcome.metadata().topic(), outcome.metadata().partition(),
                                outcome.metadata().offset());
                    }
                } else {
                    Exception failure = outcome.failure();
                    LOG.warn("event not published: eventId={} stage=produce reason={}", outcome.eventId(),
                            failure.getClass().getSimpleName());
                    fail(image, failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    if (failsEverySend(failure)) {
                        stop("the brokers refused or did not answer (" + failure.getClass().getSimpleName() + ")");
                    }
                }
            }
            progress.ifPresent(report -> report.maybeReport(inline + byReference, bytes));
        }

        void awaitAcknowledgements() throws InterruptedException {
            // Kafka's delivery.timeout.ms bounds every send, so this ends; slices keep progress visible.
            while (!tracker.awaitAll(WAIT_SLICE_MILLIS)) {
                absorb();
            }
            producer.flush();
            absorb();
        }
    }

    /** Failures of the cluster rather than of one record: retrying the next image cannot help. */
    private static boolean failsEverySend(Exception failure) {
        return failure instanceof TimeoutException || failure instanceof AuthenticationException
                || failure instanceof AuthorizationException;
    }
}
