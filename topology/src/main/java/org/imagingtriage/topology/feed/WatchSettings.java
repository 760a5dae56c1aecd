package org.imagingtriage.topology.feed;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code triage feed folder --watch} goes.
 *
 * @param settle how long a file (and its sidecar) must stay unchanged in size and modification
 *     time before it is read: copies in progress are not published half-written. Also the period
 *     of the rescan that catches what the file system's notices miss.
 * @param skipExisting files already in the folder when the watch starts are not published
 *     (unless they change afterwards)
 * @param recursive subdirectories are watched too, including ones created later
 */
public record WatchSettings(Duration settle, boolean skipExisting, boolean recursive) {

    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
    /** Longer than anyone waits for a copy; beyond it a typo (seconds for milliseconds) is likelier. */
    public static final Duration MAX_SETTLE = Duration.ofHours(1);

    public WatchSettings {
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative() || settle.isZero()) {
            throw new IllegalArgumentException("the settle time must be positive: a file is only read once it "
                    + "has stopped changing");
        }
        if (settle.compareTo(MAX_SETTLE) > 0) {
            throw new IllegalArgumentException("the settle time must be at most " + MAX_SETTLE.toMinutes()
                    + " minutes");
        }
    }
}
