package org.imagingtriage.topology.review;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How {@code triage review} tails the drafts.
 *
 * @param start where to start without a committed position (with a group, its committed
 *     position wins, except that {@link StartPosition#BEGINNING} rewinds on the first assignment)
 * @param group a consumer group that remembers what was shown; empty to read every partition
 *     without a group and commit nothing
 * @param maxDrafts stop after printing this many drafts
 * @param idleTimeout stop after this long without a record
 * @param textLines lines of each draft's text to print
 */
public record ReviewOptions(StartPosition start, Optional<String> group, OptionalLong maxDrafts,
                            Optional<Duration> idleTimeout, int textLines) {

    public static final int DEFAULT_TEXT_LINES = 3;

    public ReviewOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(group, "group");
        group.filter(String::isBlank).ifPresent(blank -> {
            throw new IllegalArgumentException("the consumer group must not be blank");
        });
        Objects.requireNonNull(maxDrafts, "maxDrafts");
        maxDrafts.ifPresent(max -> {
            if (max < 1) {
                throw new IllegalArgumentException("the number of drafts to print must be at least 1");
            }
        });
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        idleTimeout.filter(timeout -> timeout.isNegative() || timeout.isZero()).ifPresent(timeout -> {
            throw new IllegalArgumentException("the idle timeout must be positive");
        });
        if (textLines < 0) {
            throw new IllegalArgumentException("the number of text lines must not be negative");
        }
    }

    /** New drafts only, no group, no limits. */
    public static ReviewOptions tail() {
        return new ReviewOptions(StartPosition.END, Optional.empty(), OptionalLong.empty(), Optional.empty(),
                DEFAULT_TEXT_LINES);
    }
}
