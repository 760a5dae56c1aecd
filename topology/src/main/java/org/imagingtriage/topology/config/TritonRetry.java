package org.imagingtriage.topology.config;

import java.time.Duration;
import org.imagingtriage.inference.channel.RetryConfig;

/**
 * gRPC's own retry of calls Triton answered UNAVAILABLE (restarting, unreachable, queue full): the
 * server did not run them, so resending cannot run one twice. Longer outages are the pipeline's
 * to ride out (see {@code inference.retry.*}).
 *
 * @param maxAttempts attempts including the first; 1 disables retries, gRPC allows at most 5
 */
public record TritonRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Holds the requests in flight on the channel for resending; a hundred single-image requests. */
    static final long CHANNEL_BUFFER_BYTES = 256L << 20;
    private static final double BACKOFF_MULTIPLIER = 2.0;

    public TritonRetry {
        if (maxAttempts < 1 || maxAttempts > RetryConfig.GRPC_MAX_ATTEMPTS) {
            throw new TriageConfigException(ConfigKeys.TRITON_RETRY_MAX_ATTEMPTS, ConfigKeys.TRITON_RETRY_MAX_ATTEMPTS
                    + " must be between 1 (no retries) and " + RetryConfig.GRPC_MAX_ATTEMPTS + " (gRPC's limit)");
        }
        Durations.requirePositive(initialBackoff, ConfigKeys.TRITON_RETRY_INITIAL_BACKOFF_MS);
        Durations.requirePositive(maxBackoff, ConfigKeys.TRITON_RETRY_MAX_BACKOFF_MS);
        Durations.requireAtMost(initialBackoff, ConfigKeys.TRITON_RETRY_INITIAL_BACKOFF_MS,
                maxBackoff, ConfigKeys.TRITON_RETRY_MAX_BACKOFF_MS);
    }

    public static TritonRetry defaults() {
        RetryConfig retry = RetryConfig.defaults();
        return new TritonRetry(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff());
    }

    public static TritonRetry from(ConfigValues values) {
        TritonRetry defaults = defaults();
        return new TritonRetry(
                values.integer(ConfigKeys.TRITON_RETRY_MAX_ATTEMPTS, defaults.maxAttempts()),
                values.millis(ConfigKeys.TRITON_RETRY_INITIAL_BACKOFF_MS, defaults.initialBackoff().toMillis()),
                values.millis(ConfigKeys.TRITON_RETRY_MAX_BACKOFF_MS, defaults.maxBackoff().toMillis()));
    }

    /**
     * gRPC retries only a call it buffered whole, so each call's buffer is the largest request
     * the channel may send.
     */
    public RetryConfig retryConfig(int maxMessageBytes) {
        return new RetryConfig(maxAttempts, initialBackoff, maxBackoff, BACKOFF_MULTIPLIER, maxMessageBytes,
                Math.max(CHANNEL_BUFFER_BYTES, maxMessageBytes));
    }
}
