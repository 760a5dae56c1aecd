package org.imagingtriage.inference;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines per kind of call. Every call gets one: a call without a deadline can hang forever
 * on a half-open connection.
 *
 * @param healthDeadline ServerLive, ServerReady, ModelReady
 * @param metadataDeadline ModelMetadata, ModelConfig, ModelStatistics
 * @param inferDeadline one ModelInfer, queueing and generation included
 * @param streamDeadline the whole life of one ModelStreamInfer stream
 * @param streamRequestTimeout how long one request on a stream may wait for its final response
 */
public record TritonClientConfig(
    Duration healthDeadline,
    Duration metadataDeadline,
    Duration inferDeadline,
    Duration streamDeadline,
    Duration streamRequestTimeout) {

  public TritonClientConfig {
    requirePositive("healthDeadline", healthDeadline);
    requirePositive("metadataDeadline", metadataDeadline);
    requirePositive("inferDeadline", inferDeadline);
    requirePositive("streamDeadline", streamDeadline);
    requirePositive("streamRequestTimeout", streamRequestTimeout);
    if (streamRequestTimeout.compareTo(streamDeadline) > 0) {
      throw new IllegalArgumentException(
          "streamRequestTimeout " + streamRequestTimeout + " exceeds streamDeadline "
              + streamDeadline);
    }
  }

  /**
   * Defaults sized for MedGemma 4B: a draft of a few hundred tokens takes seconds on a GPU, and
   * a request may queue behind a full batch or two.
   */
  public static TritonClientConfig defaults() {
    return new TritonClientConfig(
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(120),
        Duration.ofMinutes(30),
        Duration.ofSeconds(120));
  }

  public TritonClientConfig withInferDeadline(Duration deadline) {
    return new TritonClientConfig(
        healthDeadline, metadataDeadline, deadline, streamDeadline, streamRequestTimeout);
  }

  public TritonClientConfig withStreamRequestTimeout(Duration timeout) {
    return new TritonClientConfig(
        healthDeadline, metadataDeadline, inferDeadline, streamDeadline, timeout);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
