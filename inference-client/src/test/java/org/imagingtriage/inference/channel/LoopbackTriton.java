package org.imagingtriage.inference.channel;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.inference.testing.ScriptedTriton;

/**
 * A {@link ScriptedTriton} on a real TCP port of 127.0.0.1, for what only a real transport
 * shows: message size limits, TLS, and retries configured on a channel built by
 * {@link TritonChannels}.
 */
final class LoopbackTriton implements AutoCloseable {

  private final Server server;

  LoopbackTriton(ScriptedTriton service, ServerCredentials credentials) {
    try {
      this.server =
          NettyServerBuilder.forAddress(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials)
              .addService(service)
              .maxInboundMessageSize(256 << 20)
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LoopbackTriton(ScriptedTriton service) {
    this(service, InsecureServerCredentials.create());
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
