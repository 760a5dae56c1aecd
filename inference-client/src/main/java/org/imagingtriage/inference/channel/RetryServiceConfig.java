package org.imagingtriage.inference.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gRPC service config (the JSON-shaped map gRPC reads) that retries UNAVAILABLE on every
 * method of Triton's inference service.
 */
final class RetryServiceConfig {

  static final String SERVICE = "inference.GRPCInferenceService";

  private RetryServiceConfig() {}

  static Map<String, Object> of(RetryConfig retry) {
    Map<String, Object> retryPolicy =
        Map.of(
            // gRPC parses JSON numbers as Double and durations as "<seconds>s" strings.
            "maxAttempts", (double) retry.maxAttempts(),
            "initialBackoff", seconds(retry.initialBackoff()),
            "maxBackoff", seconds(retry.maxBackoff()),
            "backoffMultiplier", retry.backoffMultiplier(),
            "retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> methodConfig =
        Map.of("name", List.of(Map.of("service", SERVICE)), "retryPolicy", retryPolicy);
    return Map.of("methodConfig", List.of(methodConfig));
  }

  static String seconds(Duration duration) {
    return duration.getSeconds() + "." + String.format("%09d", duration.getNano()) + "s";
  }
}
