package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.feed.FolderNotices.Notice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code triage feed folder --watch}: publishes images as they arrive in a folder, until
 * {@link #cancel() cancelled}. Each scan lists the folder ({@link FolderScanner}); a file is
 * decided once it and its sidecar have stayed unchanged for the settle period
 * ({@link SettleTracker}), then planned by the one-shot feed's {@link FeedPlanner} and sent by its
 * {@link FolderFeed}: the same signatures, inline-or-reference rule and metadata. Each version of
 * a file is decided once ({@link WatchLedger}).
 *
 * <p>Scans come when the {@link FolderNotices} report a change (or lost changes: an overflow),
 * when a tracked file may have settled, and at the latest every settle period, because notices
 * can be late or missing on some file systems. The files that settle in one scan form one pass:
 * one minted study, a series per directory.
 *
 * <p>Unlike the one-shot feed, a wrong sidecar or an unreadable file is reported and the watch
 * goes on: there is no whole folder to hold back. Failures every send would share (registry or
 * brokers unreachable) still stop it. Logs never carry file names.
 */
public final class FolderWatch {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatch.class);
    /**
     * The safety-net rescan (for notices a file system does not give) waits at least this many
     * times as long as the last scan took: a huge or remote folder is not walked back to back.
     */
    private static final int RESCAN_GAP_FACTOR = 10;

    private final Path root;
    private final WatchSettings settings;
    private final FeedPlanner planner;
    private final FolderFeed feed;
    private final FeedConsole console;
    private final FolderNotices notices;
    private final LongSupplier nanoTime;
    private final FolderScanner scanner;
    private final SettleTracker tracker;
    private final WatchLedger ledger = new WatchLedger();
    private final SopInstanceUids sopUids = new SopInstanceUids();
    private FolderFeed.Run run;
    private long lastScanEnded;
    private long lastScanDuration;
    private boolean noticed;
    private volatile boolean cancelled;

    /**
     * @param directory the watched directory
     * @param notices the watch's wait, closed by {@link #cancel()}; the caller closes it at the end too
     * @param nanoTime a monotonic clock, {@code System::nanoTime} but in tests
     */
    public FolderWatch(Path directory, WatchSettings settings, FeedPlanner planner, FolderFeed feed,
                       FeedConsole console, FolderNotices notices, LongSupplier nanoTime) {
        // The folder itself may be a link (/srv/inbox -> /data/inbox): it is resolved once, and
        // links below it are not followed.
        this.root = realPath(directory);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.console = Objects.requireNonNull(console, "console");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.scanner = new FolderScanner(root, settings.recursive());
        this.tracker = new SettleTracker(settings.settle().toNanos());
    }

    /**
     * Watches until {@link #cancel()} or a failure every send would share, then waits for the
     * outstanding acknowledgements and prints the summary.
     *
     * @param producer owned and closed by the caller
     */
    public FeedSummary run(Producer<String, ImageEvent> producer) throws InterruptedException {
        start(producer);
        while (!cancelled && !run.stopped()) {
            Notice notice = notices.await(untilNextScan());
            if (notice == Notice.CLOSED || cancelled) {
                break;
            }
            if (notice == Notice.OVERFLOW) {
                LOG.info("watch notices overflowed: rescanning the folder");
            }
            noticed |= notice != Notice.QUIET;
            if (nanoTime.getAsLong() >= nextScanAt()) {
                scanNow();
            }
        }
        return finish();
    }

    /** Ctrl-C: ends the wait at once; files already sent are still awaited. Any thread. */
    public void cancel() {
        cancelled = true;
        notices.close();
    }

    /** Starts the run with a first scan: existing files are tracked like new ones, or skipped. */
    void start(Producer<String, ImageEvent> producer) {
        if (run != null) {
            throw new IllegalStateException("the watch has started already");
        }
        run = feed.startLive(producer);
        console.watching(root, settings);
        LOG.info("watch started: settleMs={} recursive={} skipExisting={}", settings.settle().toMillis(),
                settings.recursive(), settings.skipExisting());
        long now = nanoTime.getAsLong();
        scan(now).ifPresent(scan -> {
            if (settings.skipExisting()) {
                // A file still being copied changes later, and is published once complete.
                scan.candidates().forEach(ledger::done);
            } else {
                decideSettled(scan, now);
            }
        });
    }

    /** One scan: publishes what has settled since the last, and prints the acknowledgements that came. */
    void scanNow() {
        run.absorb();
        long now = nanoTime.getAsLong();
        scan(now).ifPresent(scan -> decideSettled(scan, now));
        run.absorb();
    }

    /** Waits for the outstanding acknowledgements; prints and returns the summary. */
    FeedSummary finish() throws InterruptedException {
        if (tracker.tracked() > 0) {
            // Still being written, or not yet settled: the next run (without --skip-existing) sends them.
            console.warning(tracker.tracked() + " file(s) seen but not yet complete were not published; once "
                    + "complete, publish them with a one-shot triage feed folder of those files (a new watch "
                    + "without --skip-existing would publish the whole folder again)");
            LOG.warn("watch stopped with files not yet settled: count={}", tracker.tracked());
        }
        FeedSummary summary = run.finish();
        LOG.info("watch finished");
        return summary;
    }

    private Optional<FolderScanner.Scan> scan(long now) {
        noticed = false;
        try {
            FolderScanner.Scan scan = scanner.scan();
            notices.watch(scan.directories());
            return Optional.of(scan);
        } catch (IOException e) {
            LOG.warn("watch stopped: the folder cannot be listed: reason={}", e.getClass().getSimpleName());
            run.stop("the folder cannot be listed any more (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        } finally {
            lastScanEnded = nanoTime.getAsLong();
            lastScanDuration = lastScanEnded - now;
        }
    }

    private void decideSettled(FolderScanner.Scan scan, long now) {
        SortedMap<Path, WatchedFile> undecided = new TreeMap<>();
        scan.candidates().forEach((path, file) -> {
            if (ledger.undecided(path, file)) {
                undecided.put(path, file);
            }
        });
        List<Path> settled = tracker.observe(undecided, now);
        if (settled.isEmpty()) {
            return;
        }
        FeedPass pass = feed.newPass();
        for (Path path : settled) {
            if (cancelled || run.stopped()) {
                return;
            }
            decide(path, undecided.get(path), pass);
        }
    }

    private void decide(Path path, WatchedFile file, FeedPass pass) {
        FileDecision decision = planner.decide(root, path, file.sidecar().isPresent());
        if (decision instanceof FileDecision.Publish publish) {
            PlannedImage image = publish.image();
            if (image.image().sizeBytes() != file.image().sizeBytes()) {
                // Changed since the scan: the next scan sees the new stamp and restarts its wait.
                return;
            }
            Optional<String> duplicate = sopUids.claim(image);
            if (duplicate.isPresent()) {
                decline(path, file, () -> run.fail(image.image().displayName(), duplicate.get()));
                return;
            }
            tracker.forget(path);
            ledger.done(path, file);
            run.warnAboutReference(image);
            run.send(image, pass);
            run.absorb();
        } else if (decision instanceof FileDecision.Skip skip) {
            decline(path, file, () -> run.skip(skip.file()));
        } else if (decision instanceof FileDecision.Refuse refuse) {
            LOG.warn("image not published: stage=plan reason=metadata");
            decline(path, file, () -> run.fail(refuse.displayName(), refuse.problem()));
        }
    }

    private void decline(Path path, WatchedFile file, Runnable report) {
        tracker.forget(path);
        ledger.declined(path, file);
        report.run();
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("the watched folder cannot be resolved (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    private Duration untilNextScan() {
        return Duration.ofNanos(Math.max(0, nextScanAt() - nanoTime.getAsLong()));
    }

    /**
     * When to scan next: after a notice, or when a tracked file may have settled, but never
     * sooner than one scan's duration after the last ended; otherwise the safety-net rescan.
     */
    private long nextScanAt() {
        long earliest = lastScanEnded + lastScanDuration;
        if (noticed) {
            return earliest;
        }
        long next = lastScanEnded + Math.max(settings.settle().toNanos(), RESCAN_GAP_FACTOR * lastScanDuration);
        OptionalLong settles = tracker.nextDeadline();
        if (settles.isPresent()) {
            next = Math.min(next, Math.max(earliest, settles.getAsLong()));
        }
        return next;
    }
}
