package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker in front of Triton. After {@code openAfter} transient failures in a row it
 * opens: no new request is sent, retries wait, and the async step stops taking records, which
 * pauses consumption. While open it asks Triton whether the model is ready every
 * {@code probeInterval}; the first yes closes it and sends the waiting retries.
 *
 * <p>Probing readiness instead of sending a trial request keeps every image out of an outage:
 * no request is spent, and none is retried more often than its own backoff allows.
 */
final class InferenceCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceCircuit.class);

    private final int openAfter;
    private final Duration probeInterval;
    private final BooleanSupplier modelReady;
    private final ScheduledExecutorService scheduler;
    private final Runnable onClose;
    /** Keyed by the caller's object (identity), so a caller that gives up can be forgotten. */
    private final Map<Object, Runnable> waiting = new IdentityHashMap<>();
    private int failuresInARow;
    private boolean open;
    private long openedAtNanos;

    /**
     * @param modelReady Triton's ModelReady; a failure to ask counts as not ready
     * @param onClose told when the circuit closes, e.g. to wake threads waiting for capacity
     */
    InferenceCircuit(int openAfter, Duration probeInterval, BooleanSupplier modelReady,
                     ScheduledExecutorService scheduler, Runnable onClose) {
        if (openAfter < 1) {
            throw new IllegalArgumentException("openAfter must be at least 1, got " + openAfter);
        }
        this.openAfter = openAfter;
        this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval");
        this.modelReady = Objects.requireNonNull(modelReady, "modelReady");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    synchronized boolean isOpen() {
        return open;
    }

    /** Triton answered, with a draft or a refusal of the request itself: it is there. */
    synchronized void recordAnswer() {
        failuresInARow = 0;
    }

    synchronized void recordTransientFailure() {
        failuresInARow++;
        if (!open && failuresInARow >= openAfter) {
            open = true;
            openedAtNanos = System.nanoTime();
            LOG.atWarn().setMessage("inference circuit opened: consumption pauses until Triton is ready")
                    .addKeyValue("stage", "inference")
                    .addKeyValue("reason", "TRITON_UNAVAILABLE")
                    .addKeyValue("failuresInARow", failuresInARow)
                    .log();
            scheduleProbe();
        }
    }

    /**
     * Runs {@code action} now if the circuit is closed, else once it closes (on the prober's
     * thread). At most one action waits per {@code key}.
     */
    void whenClosed(Object key, Runnable action) {
        synchronized (this) {
            if (open) {
                waiting.put(key, action);
                return;
            }
        }
        action.run();
    }

    /** Drops the action waiting under {@code key}, if any. */
    synchronized void forget(Object key) {
        waiting.remove(key);
    }

    /** How many requests wait for the circuit to close; each holds its image until then. */
    synchronized int waitingCount() {
        return waiting.size();
    }

    private void scheduleProbe() {
        try {
            scheduler.schedule(this::probe, probeInterval.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("inference circuit: scheduler stopped; no further probes");
        }
    }

    private void probe() {
        boolean ready;
        try {
            ready = modelReady.getAsBoolean();
        } catch (RuntimeException unreachable) {
            ready = false;
        }
        if (!ready) {
            scheduleProbe();
            return;
        }
        List<Runnable> resume;
        synchronized (this) {
            open = false;
            failuresInARow = 0;
            resume = new ArrayList<>(waiting.values());
            waiting.clear();
            LOG.atInfo().setMessage("inference circuit closed: Triton is ready again")
                    .addKeyValue("stage", "inference")
                    .addKeyValue("openMs", Duration.ofNanos(System.nanoTime() - openedAtNanos).toMillis())
                    .addKeyValue("resending", resume.size())
                    .log();
        }
        onClose.run();
        for (Runnable action : resume) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // One failed resend must not strand the ones after it.
                LOG.atError().setMessage("resending a waiting request failed")
                        .addKeyValue("stage", "inference")
                        .addKeyValue("reason", e.getClass().getSimpleName())
                        .setCause(e)
                        .log();
            }
        }
    }
}
