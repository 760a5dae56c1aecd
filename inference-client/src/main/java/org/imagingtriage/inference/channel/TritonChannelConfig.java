package org.imagingtriage.inference.channel;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Triton's gRPC endpoint.
 *
 * @param target a gRPC target: "host:port" or a URI such as "dns:///triton:8001"
 * @param maxInboundMessageBytes largest response accepted; gRPC's default of 4 MiB is below a
 *     batch of images' worth of outputs
 * @param maxOutboundMessageBytes largest request sent; one 896x896x3 image is 2.4 MB
 * @param keepAliveTime idle time before a keepalive ping. Triton, like any gRPC C++ server, by
 *     default rejects pings more often than every 5 minutes on a connection without data and
 *     closes it after repeated offences, so go lower only if the server is configured to allow
 *     it
 * @param keepAliveTimeout how long an unanswered ping may take before the connection is dropped
 * @param tls empty for plaintext
 */
public record TritonChannelConfig(
    String target,
    int maxInboundMessageBytes,
    int maxOutboundMessageBytes,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Optional<TlsConfig> tls,
    RetryConfig retry) {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;

  /** gRPC Java raises any shorter keepalive time to this. */
  public static final Duration MIN_KEEPALIVE_TIME = Duration.ofSeconds(10);

  public TritonChannelConfig {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("target is empty");
    }
    if (maxInboundMessageBytes <= 0 || maxOutboundMessageBytes <= 0) {
      throw new IllegalArgumentException("message size limits must be positive");
    }
    Objects.requireNonNull(keepAliveTime, "keepAliveTime");
    Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
    if (keepAliveTime.compareTo(MIN_KEEPALIVE_TIME) < 0) {
      throw new IllegalArgumentException(
          "keepAliveTime must be at least " + MIN_KEEPALIVE_TIME + ", got " + keepAliveTime);
    }
    if (keepAliveTimeout.isZero() || keepAliveTimeout.isNegative()) {
      throw new IllegalArgumentException("keepAliveTimeout must be positive");
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(retry, "retry");
    if (retry.enabled() && retry.perCallBufferBytes() < maxOutboundMessageBytes) {
      // A request bigger than the retry buffer is silently never retried.
      throw new IllegalArgumentException(
          "retry perCallBufferBytes " + retry.perCallBufferBytes()
              + " is below maxOutboundMessageBytes " + maxOutboundMessageBytes
              + ": large requests would not be retried");
    }
  }

  /** Plaintext, 64 MiB both ways, keepalive every 5 minutes, default retries. */
  public static TritonChannelConfig plaintext(String target) {
    return new TritonChannelConfig(
        target,
        DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_MAX_MESSAGE_BYTES,
        Duration.ofMinutes(5),
        Duration.ofSeconds(20),
        Optional.empty(),
        RetryConfig.defaults());
  }

  public TritonChannelConfig withTls(TlsConfig tlsConfig) {
    return new TritonChannelConfig(
        target, maxInboundMessageBytes, maxOutboundMessageBytes, keepAliveTime, keepAliveTimeout,
        Optional.of(tlsConfig), retry);
  }

  public TritonChannelConfig withRetry(RetryConfig retryConfig) {
    return new TritonChannelConfig(
        target, maxInboundMessageBytes, maxOutboundMessageBytes, keepAliveTime, keepAliveTimeout,
        tls, retryConfig);
  }

  public TritonChannelConfig withMessageLimits(int inboundBytes, int outboundBytes) {
    return new TritonChannelConfig(
        target, inboundBytes, outboundBytes, keepAliveTime, keepAliveTimeout, tls, retry);
  }
}
