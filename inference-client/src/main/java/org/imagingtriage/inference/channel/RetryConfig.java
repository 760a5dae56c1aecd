package org.imagingtriage.inference.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * gRPC's own retry of calls that fail with UNAVAILABLE (server restarting, connection lost,
 * Triton's queue full), declared in the channel's service config. Only UNAVAILABLE: it is the
 * one code that says the server did not run the request, so resending cannot run it twice.
 *
 * @param maxAttempts total attempts including the first; 1 disables retries (gRPC caps it at 5)
 * @param perCallBufferBytes how much of one call gRPC keeps to resend it; a call whose
 *     request is larger is not retried at all, so this must exceed the largest request
 * @param channelBufferBytes the same, summed over all calls in flight on the channel
 */
public record RetryConfig(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double backoffMultiplier,
    long perCallBufferBytes,
    long channelBufferBytes) {

  /** gRPC ignores attempts beyond this; refusing more keeps the config honest. */
  public static final int GRPC_MAX_ATTEMPTS = 5;

  public RetryConfig {
    if (maxAttempts < 1 || maxAttempts > GRPC_MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "maxAttempts must be 1.." + GRPC_MAX_ATTEMPTS + ", got " + maxAttempts);
    }
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
    }
    if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
      throw new IllegalArgumentException("backoffMultiplier must be >= 1, got " + backoffMultiplier);
    }
    if (perCallBufferBytes <= 0 || channelBufferBytes < perCallBufferBytes) {
      throw new IllegalArgumentException(
          "need 0 < perCallBufferBytes <= channelBufferBytes, got " + perCallBufferBytes + " and "
              + channelBufferBytes);
    }
  }

  /**
   * Four attempts over about a second and a half: enough to ride out a queue-full burst or a
   * reconnect, short enough that the pipeline's own backoff takes over for longer outages. The
   * per-call buffer covers the default 64 MiB message limit (a batch of eight 896x896x3 images
   * is 19 MB); the channel buffer about a hundred single-image requests in flight.
   */
  public static RetryConfig defaults() {
    return new RetryConfig(
        4, Duration.ofMillis(200), Duration.ofSeconds(2), 2.0, 64L << 20, 256L << 20);
  }

  public static RetryConfig disabled() {
    return new RetryConfig(1, Duration.ofMillis(200), Duration.ofSeconds(2), 2.0, 1L << 20, 16L << 20);
  }

  public RetryConfig withPerCallBufferBytes(long bytes) {
    return new RetryConfig(
        maxAttempts, initialBackoff, maxBackoff, backoffMultiplier, bytes,
        Math.max(bytes, channelBufferBytes));
  }

  public boolean enabled() {
    return maxAttempts > 1;
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
