package org.imagingtriage.topology.feed;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run of the folder feed goes.
 *
 * @param repeat passes over the folder (load tests); each pass mints new UIDs
 * @param interval pause between two sends, to pace a load; zero for none
 * @param verbose print a line per published image, not only per problem
 * @param progressEveryFiles print progress after this many acknowledged images ...
 * @param progressInterval ... or after this long, whichever comes first
 */
public record FeedSettings(int repeat, Duration interval, boolean verbose, int progressEveryFiles,
                           Duration progressInterval) {

    public static final int DEFAULT_PROGRESS_EVERY_FILES = 100;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(2);

    public FeedSettings {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, not " + repeat);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval must not be negative");
        }
        if (progressEveryFiles < 1) {
            throw new IllegalArgumentException("progress must be reported at least every file");
        }
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("the progress interval must be positive");
        }
    }

    /** One pass, as fast as the producer goes, progress every 100 images or 2 s. */
    public static FeedSettings defaults() {
        return new FeedSettings(1, Duration.ZERO, false, DEFAULT_PROGRESS_EVERY_FILES, DEFAULT_PROGRESS_INTERVAL);
    }
}
