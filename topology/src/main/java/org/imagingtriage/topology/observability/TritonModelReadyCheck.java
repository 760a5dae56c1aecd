package org.imagingtriage.topology.observability;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready while Triton reports the model ready, e.g.
 * {@code new TritonModelReadyCheck(() -> triton.modelReady(name, version))}.
 *
 * <p>The answer, ready or not, is cached for a short time so that frequent probes and scrapes
 * cost Triton at most one ModelReady call per interval. The probe must be bounded by its own
 * deadline ({@code TritonClient} applies {@code triton.health.deadline.ms}); calls are serialised,
 * so concurrent probes share one call rather than stacking up. An exception is not ready.
 */
public final class TritonModelReadyCheck implements ReadinessCheck {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(TritonModelReadyCheck.class);

    private final BooleanSupplier modelReady;
    private final long ttlNanos;
    private final LongSupplier nanoClock;

    private Result cached;
    private long cachedAtNanos;

    public TritonModelReadyCheck(BooleanSupplier modelReady) {
        this(modelReady, DEFAULT_CACHE_TTL, System::nanoTime);
    }

    /**
     * @param cacheTtl how long an answer is reused; zero asks Triton every time
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public TritonModelReadyCheck(BooleanSupplier modelReady, Duration cacheTtl, LongSupplier nanoClock) {
        this.modelReady = Objects.requireNonNull(modelReady, "modelReady");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative");
        }
        this.ttlNanos = cacheTtl.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public String name() {
        return "triton-model";
    }

    @Override
    public synchronized Result check() {
        long now = nanoClock.getAsLong();
        // Subtraction, not comparison of absolute values: nanoTime may wrap.
        if (cached != null && now - cachedAtNanos < ttlNanos) {
            return cached;
        }
        cached = probe();
        cachedAtNanos = now;
        return cached;
    }

    private Result probe() {
        try {
            return modelReady.getAsBoolean() ? Result.up() : Result.down("Triton reports the model not ready");
        } catch (RuntimeException e) {
            // The class name only: a transport message may carry addresses or other detail
            // that does not belong in an unauthenticated response.
            LOG.warn("Triton model readiness probe failed: {}", e.getClass().getName());
            return Result.down("Triton model readiness probe failed (" + e.getClass().getSimpleName() + ")");
        }
    }
}
