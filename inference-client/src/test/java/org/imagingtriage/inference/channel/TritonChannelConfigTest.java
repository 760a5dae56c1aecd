package org.imagingtriage.inference.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TritonChannelConfigTest {

  @Test
  void plaintextDefaultsAllowLargeMessagesAndRetryThem() {
    // when
    TritonChannelConfig config = TritonChannelConfig.plaintext("triton:8001");

    // then
    assertThat(config.maxInboundMessageBytes()).isEqualTo(64 << 20);
    assertThat(config.maxOutboundMessageBytes()).isEqualTo(64 << 20);
    assertThat(config.retry().perCallBufferBytes()).isGreaterThanOrEqualTo(64L << 20);
    assertThat(config.keepAliveTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.tls()).isEmpty();
  }

  @Test
  void retryServiceConfigNamesOnlyUnavailableForTritonsService() {
    // when
    Map<String, Object> serviceConfig = RetryServiceConfig.of(RetryConfig.defaults());

    // then
    assertThat(serviceConfig)
        .isEqualTo(Map.of("methodConfig", List.of(Map.of(
            "name", List.of(Map.of("service", "inference.GRPCInferenceService")),
            "retryPolicy", Map.of(
                "maxAttempts", 4.0,
                "initialBackoff", "0.200000000s",
                "maxBackoff", "2.000000000s",
                "backoffMultiplier", 2.0,
                "retryableStatusCodes", List.of("UNAVAILABLE"))))));
  }

  @Test
  void invalidSettingsAreRefusedWithTheReason() {
    TritonChannelConfig base = TritonChannelConfig.plaintext("triton:8001");

    assertThatThrownBy(() -> TritonChannelConfig.plaintext(" "))
        .hasMessageContaining("target is empty");
    assertThatThrownBy(() -> new TritonChannelConfig("t", 1, 1, Duration.ofSeconds(5),
            Duration.ofSeconds(1), Optional.empty(), RetryConfig.disabled()))
        .hasMessageContaining("keepAliveTime must be at least");
    assertThatThrownBy(() -> base.withRetry(new RetryConfig(4, Duration.ofMillis(1),
            Duration.ofMillis(2), 2.0, 1 << 20, 1 << 30)))
        .hasMessageContaining("large requests would not be retried");
    assertThatThrownBy(() -> new RetryConfig(6, Duration.ofMillis(1), Duration.ofMillis(2), 2.0,
            1, 1))
        .hasMessageContaining("maxAttempts must be 1..5");
  }

  @Test
  void tlsFilesMustExistAndComeInPairs(@TempDir Path directory) throws Exception {
    Path ca = Files.writeString(directory.resolve("ca.pem"), "x");
    Path cert = Files.writeString(directory.resolve("client.pem"), "x");

    assertThatThrownBy(() -> TlsConfig.serverAuthenticated(directory.resolve("missing.pem")))
        .hasMessageContaining("CA certificate file is missing or unreadable");
    assertThatThrownBy(() -> new TlsConfig(Optional.of(ca), Optional.of(cert), Optional.empty(),
            Optional.empty()))
        .hasMessageContaining("both a client certificate and a client key");
    assertThat(TlsConfig.mutual(ca, cert, cert).isMutual()).isTrue();
  }
}
