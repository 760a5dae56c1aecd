package org.imagingtriage.devstack.triton;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the simulator's faults at run time, from any thread:
 * <ul>
 *   <li>an error rate: that fraction of requests fails with INTERNAL when its batch executes;</li>
 *   <li>UNAVAILABLE windows: while one is open every RPC fails with UNAVAILABLE, as when the
 *       server restarts or a proxy in front of it has no healthy backend;</li>
 *   <li>stalls: executions that start during a stall hang, holding their model instance, until
 *       the stall ends or is released, like a GPU kernel that stops making progress.</li>
 * </ul>
 * Stalls also make batching tests deterministic: stall, send one request to occupy the
 * instance, queue the rest, release.
 */
public final class FaultInjector {

    /** Message of every RPC refused in an UNAVAILABLE window. */
    public static final String UNAVAILABLE_MESSAGE = "simulated outage: the Triton simulator is unavailable";
    /** Message of a request failed by the error rate. */
    public static final String INJECTED_ERROR_MESSAGE = "simulated backend failure (fault injection)";

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    private static final Duration LONGEST_FAULT = Duration.ofHours(1);

    private final ScheduledExecutorService scheduler;
    private final SplittableRandom random;
    private double errorRate;
    private boolean unavailable;
    private long unavailableGeneration;
    private CompletableFuture<Void> stall = CompletableFuture.completedFuture(null);

    FaultInjector(FaultSettings initial, long seed, ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.random = new SplittableRandom(seed);
        this.errorRate = initial.errorRate();
        this.unavailable = initial.unavailable();
    }

    public synchronized void setErrorRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("error rate must be in [0, 1] but was " + rate);
        }
        LOG.info("Simulated error rate set to {}", rate);
        this.errorRate = rate;
    }

    public synchronized double errorRate() {
        return errorRate;
    }

    /** Every RPC fails with UNAVAILABLE from now until {@link #endUnavailable()}. */
    public synchronized void startUnavailable() {
        unavailableGeneration++;
        if (!unavailable) {
            LOG.info("Simulated UNAVAILABLE window started");
        }
        unavailable = true;
    }

    /** An UNAVAILABLE window that ends by itself after {@code duration}. */
    public synchronized void startUnavailable(Duration duration) {
        checkDuration(duration);
        startUnavailable();
        long generation = unavailableGeneration;
        scheduler.schedule(() -> endUnavailable(generation), duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    public synchronized void endUnavailable() {
        unavailableGeneration++;
        if (unavailable) {
            LOG.info("Simulated UNAVAILABLE window ended");
        }
        unavailable = false;
    }

    // A timed window ends only itself, not a window started after it.
    private synchronized void endUnavailable(long generation) {
        if (generation == unavailableGeneration) {
            endUnavailable();
        }
    }

    public synchronized boolean isUnavailable() {
        return unavailable;
    }

    /**
     * Executions starting from now hang until {@link #releaseStall()} or until {@code maxDuration}
     * has passed, whichever is first. Executions already running are not affected. Calling it
     * during a stall does not extend that stall: the earliest end applies.
     */
    public synchronized void stall(Duration maxDuration) {
        checkDuration(maxDuration);
        if (stall.isDone()) {
            stall = new CompletableFuture<>();
            LOG.info("Simulated stall started for at most {}", maxDuration);
        }
        CompletableFuture<Void> current = stall;
        scheduler.schedule(() -> current.complete(null), maxDuration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ends the current stall: the executions it held continue now. */
    public synchronized void releaseStall() {
        if (!stall.isDone()) {
            LOG.info("Simulated stall released");
        }
        stall.complete(null);
    }

    public synchronized boolean isStalled() {
        return !stall.isDone();
    }

    /** Completes when an execution starting now may proceed. */
    synchronized CompletableFuture<Void> stallGate() {
        return stall;
    }

    synchronized boolean drawFailure() {
        return errorRate > 0 && random.nextDouble() < errorRate;
    }

    private static void checkDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_FAULT) > 0) {
            throw new IllegalArgumentException("fault duration must be in (0, " + LONGEST_FAULT + "] but was " + duration);
        }
    }
}
