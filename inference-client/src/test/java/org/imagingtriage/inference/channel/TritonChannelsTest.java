package org.imagingtriage.inference.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.inference.InferInput;
import org.imagingtriage.inference.InferRequest;
import org.imagingtriage.inference.InferResult;
import org.imagingtriage.inference.PermanentTritonException;
import org.imagingtriage.inference.TransientTritonException;
import org.imagingtriage.inference.TritonClient;
import org.imagingtriage.inference.TritonClientConfig;
import org.imagingtriage.inference.TritonException;
import org.imagingtriage.inference.testing.ModelConfigs;
import org.imagingtriage.inference.testing.ScriptedTriton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TritonChannelsTest {

  private static final int IMAGE_BYTES = 896 * 896 * 3;

  private final ScriptedTriton triton = new ScriptedTriton(ModelConfigs.medgemma());
  private LoopbackTriton server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void unavailableIsRetriedByTheServiceConfigEvenForALargeRequest() throws Exception {
    // given a server that is unavailable for the first two calls, and a 2-image request
    failFirstCalls(2, Status.UNAVAILABLE);
    TritonClient client = clientFor(TritonChannelConfig.plaintext(startPlaintext()).withRetry(fastRetry(4)));

    // when
    InferResult result = client.infer(imageBatch(2)).get(10, TimeUnit.SECONDS);

    // then the third attempt succeeded, with the whole request resent each time
    assertThat(triton.inferCalls()).isEqualTo(3);
    assertThat(triton.inferRequests()).allMatch(r -> r.getRawInputContents(0).size() == 2 * IMAGE_BYTES);
    assertThat(result.output("IMAGE").rawContents().size()).isEqualTo(2 * IMAGE_BYTES);
  }

  @Test
  void retriesStopAtMaxAttemptsAndTheFailureIsTransient() {
    // given a server that stays unavailable
    failFirstCalls(Integer.MAX_VALUE, Status.UNAVAILABLE);
    TritonClient client = clientFor(TritonChannelConfig.plaintext(startPlaintext()).withRetry(fastRetry(3)));

    // when
    Throwable failure = failureOf(client.infer(imageBatch(1)));

    // then
    assertThat(triton.inferCalls()).isEqualTo(3);
    assertThat(failure).isInstanceOf(TransientTritonException.class);
  }

  @Test
  void otherCodesAreNotRetried() {
    // given a server rejecting the request as invalid
    failFirstCalls(Integer.MAX_VALUE, Status.INVALID_ARGUMENT);
    TritonClient client = clientFor(TritonChannelConfig.plaintext(startPlaintext()).withRetry(fastRetry(4)));

    // when
    Throwable failure = failureOf(client.infer(imageBatch(1)));

    // then
    assertThat(triton.inferCalls()).isEqualTo(1);
    assertThat(failure).isInstanceOf(PermanentTritonException.class);
  }

  @Test
  void messagesOverFourMebibytesPassWithTheDefaultLimits() throws Exception {
    // given a batch of three images (7.2 MB) that the server echoes back, so both the request
    // and the response exceed gRPC's default 4 MiB
    TritonClient client = clientFor(TritonChannelConfig.plaintext(startPlaintext()));
    InferRequest request = imageBatch(3);

    // when
    InferResult result = client.infer(request).get(10, TimeUnit.SECONDS);

    // then the pixels come back intact
    assertThat(request.payloadBytes()).isGreaterThan(4L << 20);
    assertThat(result.output("IMAGE").rawContents()).isEqualTo(request.inputs().get(0).rawContents());
  }

  @Test
  void aResponseOverTheInboundLimitFailsPermanently() {
    // given a 4 MiB inbound limit and a 4.8 MB echoed response
    TritonClient client =
        clientFor(TritonChannelConfig.plaintext(startPlaintext()).withMessageLimits(4 << 20, 64 << 20));

    // when
    Throwable failure = failureOf(client.infer(imageBatch(2)));

    // then resending cannot help, so it is not transient
    assertThat(failure).isInstanceOf(PermanentTritonException.class);
    assertThat(((TritonException) failure).code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void aRequestOverTheOutboundLimitFailsPermanentlyWithoutReachingTheServer() {
    // given a 1 MiB outbound limit and a 2.4 MB request
    TritonClient client =
        clientFor(TritonChannelConfig.plaintext(startPlaintext())
            .withRetry(RetryConfig.disabled())
            .withMessageLimits(64 << 20, 1 << 20));

    // when
    Throwable failure = failureOf(client.infer(imageBatch(1)));

    // then
    assertThat(failure).isInstanceOf(PermanentTritonException.class);
    assertThat(triton.inferCalls()).isZero();
  }

  @Test
  void mutualTlsConnectsWithTheClientCertificate(@TempDir Path certs) throws Exception {
    // given a server that requires a client certificate signed by the test CA
    Path ca = extract(certs, "ca.pem");
    server = new LoopbackTriton(triton,
        TlsServerCredentials.newBuilder()
            .keyManager(extract(certs, "server1.pem").toFile(), extract(certs, "server1.key").toFile())
            .trustManager(ca.toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build());
    TlsConfig mutual =
        TlsConfig.mutual(ca, extract(certs, "client.pem"), extract(certs, "client.key"))
            .withAuthorityOverride("triton.test.google.fr");

    // when
    TritonClient client = clientFor(TritonChannelConfig.plaintext(server.target()).withTls(mutual));

    // then
    assertThat(client.serverLive()).isTrue();
  }

  @Test
  void withoutAClientCertificateTheServerRefuses(@TempDir Path certs) throws Exception {
    // given the same server, and a client that only authenticates the server
    Path ca = extract(certs, "ca.pem");
    server = new LoopbackTriton(triton,
        TlsServerCredentials.newBuilder()
            .keyManager(extract(certs, "server1.pem").toFile(), extract(certs, "server1.key").toFile())
            .trustManager(ca.toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build());
    TlsConfig serverOnly = TlsConfig.serverAuthenticated(ca).withAuthorityOverride("triton.test.google.fr");
    TritonClient client = clientFor(
        TritonChannelConfig.plaintext(server.target()).withTls(serverOnly).withRetry(RetryConfig.disabled()));

    // then
    org.assertj.core.api.Assertions.assertThatThrownBy(client::serverLive)
        .isInstanceOf(TritonException.class);
  }

  private String startPlaintext() {
    server = new LoopbackTriton(triton);
    return server.target();
  }

  private TritonClient clientFor(TritonChannelConfig config) {
    channel = TritonChannels.create(config);
    return new TritonClient(channel, TritonClientConfig.defaults());
  }

  private void failFirstCalls(int failures, Status status) {
    triton.onInfer((request, response) -> {
      if (triton.inferCalls() <= failures) {
        response.onError(status.withDescription("attempt " + triton.inferCalls()).asRuntimeException());
      } else {
        ScriptedTriton.echo(request, response);
      }
    });
  }

  private static RetryConfig fastRetry(int attempts) {
    return new RetryConfig(attempts, Duration.ofMillis(10), Duration.ofMillis(50), 2.0,
        64L << 20, 256L << 20);
  }

  private static InferRequest imageBatch(int images) {
    byte[] pixels = new byte[images * IMAGE_BYTES];
    new Random(42).nextBytes(pixels);
    return InferRequest.builder("medgemma-4b-it")
        .input(InferInput.uint8("IMAGE", List.of((long) images, 896L, 896L, 3L), pixels))
        .build();
  }

  private static Path extract(Path directory, String name) throws IOException {
    try (InputStream in = TritonChannelsTest.class.getResourceAsStream("/certs/" + name)) {
      if (in == null) {
        throw new IllegalStateException("grpc-testing ships no certs/" + name);
      }
      Path file = directory.resolve(name);
      Files.copy(in, file);
      return file;
    }
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no failure within 20 s", e);
    }
    throw new AssertionError("the call succeeded");
  }
}
