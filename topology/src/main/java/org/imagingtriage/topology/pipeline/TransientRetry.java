package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a step that failed transiently (Triton unavailable, the registry unreachable, a
 * reference that could not be read), pausing the stream thread with exponential backoff.
 *
 * <p>Pausing the thread is what pauses consumption in the blocking mode. It may not last past
 * {@code budget}: beyond Kafka's {@code max.poll.interval.ms} the consumer leaves its group, and
 * beyond the transaction timeout the broker aborts the open transaction. When the budget is spent
 * the step throws {@link StillTransientException}; the pipeline replaces the stream thread, whose
 * task resumes from the last commit, so the event is retried again and never dead-lettered.
 */
public final class TransientRetry {

    private static final Logger LOG = LoggerFactory.getLogger(TransientRetry.class);

    /** Sleeps; tests substitute a clock that jumps instead. */
    @FunctionalInterface
    public interface Pauser {
        void pause(Duration duration) throws InterruptedException;
    }

    /** One attempt of a step. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    /** Decides whether a failure may pass if the same attempt is made later. */
    @FunctionalInterface
    public interface TransientTest {
        boolean isTransient(Exception failure);
    }

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration budget;
    private final Pauser pauser;
    private final LongSupplier nanoTime;

    public TransientRetry(Duration initialBackoff, Duration maxBackoff, Duration budget, Pauser pauser,
                          LongSupplier nanoTime) {
        this.initialBackoff = requirePositive(initialBackoff, "initialBackoff");
        this.maxBackoff = requirePositive(maxBackoff, "maxBackoff");
        this.budget = requirePositive(budget, "budget");
        this.pauser = Objects.requireNonNull(pauser, "pauser");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Sleeps for real and measures with {@link System#nanoTime()}. */
    public static TransientRetry sleeping(Duration initialBackoff, Duration maxBackoff, Duration budget) {
        return new TransientRetry(initialBackoff, maxBackoff, budget, duration -> Thread.sleep(duration.toMillis()),
                System::nanoTime);
    }

    /**
     * Runs {@code attempt} until it succeeds or fails permanently; counts attempts on the record.
     *
     * @throws Exception the permanent failure, as the attempt threw it
     * @throws StillTransientException when transient failures outlast the budget
     */
    public <T> T run(TriageRecord record, String stage, Attempt<T> attempt, TransientTest test) throws Exception {
        long start = nanoTime.getAsLong();
        Duration backoff = initialBackoff;
        while (true) {
            record.countAttempt();
            try {
                return attempt.run();
            } catch (Exception failure) {
                if (!test.isTransient(failure)) {
                    throw failure;
                }
                Duration spent = Duration.ofNanos(nanoTime.getAsLong() - start);
                if (spent.plus(backoff).compareTo(budget) > 0) {
                    throw new StillTransientException(stage, record.eventIdOrUnknown(), record.attempts(), spent,
                            failure);
                }
                LOG.atWarn().setMessage("transient failure, retrying")
                        .addKeyValue("eventId", record.eventIdOrUnknown())
                        .addKeyValue("stage", stage)
                        .addKeyValue("reason", failure.getClass().getSimpleName())
                        .addKeyValue("attempt", record.attempts())
                        .addKeyValue("backoffMs", backoff.toMillis())
                        .log();
                pause(backoff, stage, record, failure);
                backoff = min(backoff.multipliedBy(2), maxBackoff);
            }
        }
    }

    private void pause(Duration backoff, String stage, TriageRecord record, Exception failure) {
        try {
            pauser.pause(backoff);
        } catch (InterruptedException e) {
            // Streams interrupts nothing on shutdown; an interrupt means the JVM is going away.
            Thread.currentThread().interrupt();
            throw new StillTransientException(stage, record.eventIdOrUnknown(), record.attempts(),
                    Duration.ZERO, failure);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
        return duration;
    }
}
