package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for in-flight retries: the n-th retry waits between half and
 * all of {@code min(max, initial x 2^(n-1))}. The jitter spreads the retries of a whole window
 * that failed at once, so they do not come back as one burst into a Triton that just restarted.
 */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    RetryBackoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first). */
    Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1, got " + retry);
        }
        long ceiling = max.toNanos();
        long nominal = initial.toNanos();
        for (int i = 1; i < retry && nominal < ceiling; i++) {
            nominal = Math.min(ceiling, nominal * 2);
        }
        long half = nominal / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (nominal - half)));
    }
}
