package org.imagingtriage.topology.feed;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when a long run prints a progress line: after every {@code progressEveryFiles}
 * acknowledged events or {@code progressInterval}, whichever comes first, so a slow run still
 * shows life every couple of seconds and a fast one does not flood the terminal.
 */
final class FeedProgress {

    private final FeedConsole console;
    private final long total;
    private final int everyFiles;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastReportNanos;
    private long lastReportedCount;

    FeedProgress(FeedConsole console, long total, FeedSettings settings, LongSupplier nanoTime) {
        this.console = console;
        this.total = total;
        this.everyFiles = settings.progressEveryFiles();
        this.intervalNanos = settings.progressInterval().toNanos();
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastReportNanos = startNanos;
    }

    /** Prints a line if enough events or time have passed since the last one. */
    void maybeReport(long acknowledged, long bytes) {
        long now = nanoTime.getAsLong();
        boolean enoughFiles = acknowledged - lastReportedCount >= everyFiles;
        boolean enoughTime = now - lastReportNanos >= intervalNanos && acknowledged < total;
        if (enoughFiles || enoughTime) {
            console.progress(acknowledged, total, bytes, Duration.ofNanos(now - startNanos));
            lastReportNanos = now;
            lastReportedCount = acknowledged;
        }
    }
}
