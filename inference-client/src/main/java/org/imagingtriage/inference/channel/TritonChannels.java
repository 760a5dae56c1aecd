package org.imagingtriage.inference.channel;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the channel to Triton. It keeps no reference to what it builds: the caller owns the
 * channel and shuts it down.
 */
public final class TritonChannels {

  private static final Logger log = LoggerFactory.getLogger(TritonChannels.class);

  private TritonChannels() {}

  public static ManagedChannel create(TritonChannelConfig config) {
    ManagedChannelBuilder<?> builder =
        Grpc.newChannelBuilder(config.target(), credentials(config))
            .maxInboundMessageSize(config.maxInboundMessageBytes())
            .intercept(new MaxOutboundMessageSize(config.maxOutboundMessageBytes()))
            .keepAliveTime(config.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveTimeout(config.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveWithoutCalls(false)
            // Our retry policy is the only one: never take a service config from DNS.
            .disableServiceConfigLookUp();
    config.tls().flatMap(TlsConfig::authorityOverride).ifPresent(builder::overrideAuthority);
    RetryConfig retry = config.retry();
    if (retry.enabled()) {
      builder
          .defaultServiceConfig(RetryServiceConfig.of(retry))
          .perRpcBufferLimit(retry.perCallBufferBytes())
          .retryBufferSize(retry.channelBufferBytes())
          .enableRetry();
    } else {
      builder.disableRetry();
    }
    log.atInfo()
        .setMessage("Triton channel created")
        .addKeyValue("target", config.target())
        .addKeyValue("tls", config.tls().isPresent())
        .addKeyValue("mutualTls", config.tls().map(TlsConfig::isMutual).orElse(false))
        .addKeyValue("maxInboundBytes", config.maxInboundMessageBytes())
        .addKeyValue("maxOutboundBytes", config.maxOutboundMessageBytes())
        .addKeyValue("retryMaxAttempts", retry.maxAttempts())
        .log();
    return builder.build();
  }

  private static ChannelCredentials credentials(TritonChannelConfig config) {
    if (config.tls().isEmpty()) {
      return InsecureChannelCredentials.create();
    }
    TlsConfig tls = config.tls().get();
    TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder();
    try {
      if (tls.caCertificate().isPresent()) {
        credentials.trustManager(tls.caCertificate().get().toFile());
      }
      if (tls.isMutual()) {
        credentials.keyManager(
            tls.clientCertificate().orElseThrow().toFile(), tls.clientKey().orElseThrow().toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TLS material for " + config.target(), e);
    }
    return credentials.build();
  }
}
