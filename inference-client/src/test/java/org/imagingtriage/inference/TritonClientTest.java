package org.imagingtriage.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.testing.InProcessTriton;
import org.imagingtriage.inference.testing.ModelConfigs;
import org.imagingtriage.inference.testing.ScriptedTriton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TritonClientTest {

  private ScriptedTriton triton;
  private InProcessTriton server;
  private TritonClient client;

  @BeforeEach
  void start() {
    triton = new ScriptedTriton(ModelConfigs.medgemma());
    server = new InProcessTriton(triton);
    client = new TritonClient(server.channel(), TritonClientConfig.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void healthCallsReportTheServersAnswers() {
    // given a live server whose model is not ready
    triton.setReady(false);

    // then
    assertThat(client.serverLive()).isTrue();
    assertThat(client.serverReady()).isFalse();
    assertThat(client.modelReady("medgemma-4b-it", "")).isFalse();
  }

  @Test
  void modelReadyOfAnUnknownModelIsATritonException() {
    assertThatThrownBy(() -> client.modelReady("no-such-model", ""))
        .isInstanceOf(TritonException.class)
        .hasMessageContaining("ModelReady no-such-model")
        .hasMessageContaining("unknown model");
  }

  @Test
  void bytesAndNumericTensorsSurviveARoundTrip() throws Exception {
    // given an echoing model and a request with non-ASCII text and binary bytes
    byte[] binary = {0, (byte) 0xFF, 10, 13};
    InferRequest request =
        InferRequest.builder("echo")
            .id("round-trip")
            .input(InferInput.strings("TEXT", List.of(1L, 2L), List.of("Pneumothorax – left", "")))
            .input(InferInput.bytes("BLOB", List.of(1L), List.of(binary)))
            .input(InferInput.fp64("VALUES", List.of(2L), 0.25, -1e300))
            .build();

    // when
    InferResult result = client.infer(request).get(5, TimeUnit.SECONDS);

    // then every value comes back as sent
    assertThat(result.id()).isEqualTo("round-trip");
    assertThat(result.output("TEXT").asStrings()).containsExactly("Pneumothorax – left", "");
    assertThat(result.output("BLOB").asBytesList()).singleElement().isEqualTo(binary);
    assertThat(result.output("VALUES").asFp64()).containsExactly(0.25, -1e300);
    assertThat(result.output("TEXT").shape()).containsExactly(1L, 2L);
  }

  @Test
  void serverReceivesRawContentsInInputOrderWithPriorityAndTimeout() throws Exception {
    // given
    InferRequest request =
        InferRequest.builder("medgemma-4b-it")
            .priority(1)
            .timeout(Duration.ofSeconds(3))
            .input(InferInput.uint8("IMAGE", List.of(1L, 3L), new byte[] {1, 2, 3}))
            .input(InferInput.strings("PROMPT", List.of(1L, 1L), List.of("hi")))
            .requestOutput("DRAFT")
            .build();

    // when
    client.infer(request).get(5, TimeUnit.SECONDS);

    // then the server saw raw contents only, in order, and the two int64 parameters
    ModelInferRequest received = triton.inferRequests().get(0);
    assertThat(received.getRawInputContents(0).toByteArray()).containsExactly(1, 2, 3);
    assertThat(received.getRawInputContents(1).toByteArray())
        .containsExactly(2, 0, 0, 0, 'h', 'i');
    assertThat(received.getInputsList()).noneMatch(ModelInferRequest.InferInputTensor::hasContents);
    assertThat(received.getParametersMap().get("priority").getInt64Param()).isEqualTo(1);
    assertThat(received.getParametersMap().get("timeout").getInt64Param()).isEqualTo(3_000_000);
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED", "CANCELLED"})
  void retryableCodesAreTransient(Status.Code code) {
    // given a server failing every infer with the code
    triton.onInfer((request, response) ->
        response.onError(Status.fromCode(code).withDescription("server says no").asRuntimeException()));

    // then
    assertThat(failureOf(client.infer(anyRequest())))
        .isInstanceOf(TransientTritonException.class)
        .satisfies(e -> {
          TritonException failure = (TritonException) e;
          assertThat(failure.code()).isEqualTo(code);
          assertThat(failure.serverMessage()).isEqualTo("server says no");
        });
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"INVALID_ARGUMENT", "NOT_FOUND", "FAILED_PRECONDITION", "UNIMPLEMENTED", "INTERNAL",
          "UNKNOWN", "PERMISSION_DENIED", "UNAUTHENTICATED", "ALREADY_EXISTS", "OUT_OF_RANGE",
          "DATA_LOSS"})
  void otherCodesArePermanent(Status.Code code) {
    triton.onInfer((request, response) ->
        response.onError(Status.fromCode(code).withDescription("bad").asRuntimeException()));

    assertThat(failureOf(client.infer(anyRequest())))
        .isInstanceOf(PermanentTritonException.class)
        .hasMessageContaining(code.name());
  }

  @Test
  void tritonQueueFullRejectionIsTransient() {
    // given Triton's queue-full rejection, which it sends as UNAVAILABLE
    triton.onInfer((request, response) ->
        response.onError(Status.UNAVAILABLE.withDescription("Exceeds maximum queue size")
            .asRuntimeException()));

    // then
    Throwable failure = failureOf(client.infer(anyRequest()));
    assertThat(failure).isInstanceOf(TransientTritonException.class);
    assertThat(((TritonException) failure).serverMessage()).isEqualTo("Exceeds maximum queue size");
  }

  @Test
  void deadlineExceededIsTransient() {
    // given a server that never answers and a short infer deadline
    triton.onInfer((request, response) -> {});
    TritonClient impatient =
        new TritonClient(
            server.channel(),
            TritonClientConfig.defaults().withInferDeadline(Duration.ofMillis(200)));

    // when
    Throwable failure = failureOf(impatient.infer(anyRequest()));

    // then
    assertThat(failure).isInstanceOf(TransientTritonException.class);
    assertThat(((TritonException) failure).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void cancellingTheFutureCancelsTheCall() throws Exception {
    // given a server that holds the call and notices cancellation
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    triton.onInfer((request, response) -> {
      Context.current().addListener(context -> cancelled.countDown(), Runnable::run);
      received.countDown();
    });
    CompletableFuture<InferResult> result = client.infer(anyRequest());
    assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();

    // when
    result.cancel(false);

    // then
    assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void malformedResponseIsPermanent() {
    // given a server answering with fewer bytes than the shape needs
    triton.onInfer((request, response) -> {
      response.onNext(
          org.imagingtriage.inference.proto.ModelInferResponse.newBuilder()
              .setId(request.getId())
              .addOutputs(
                  org.imagingtriage.inference.proto.ModelInferResponse.InferOutputTensor.newBuilder()
                      .setName("X").setDatatype("INT32").addShape(2))
              .addRawOutputContents(com.google.protobuf.ByteString.copyFrom(new byte[4]))
              .build());
      response.onCompleted();
    });

    Throwable failure = failureOf(client.infer(anyRequest()));

    assertThat(failure).isInstanceOf(PermanentTritonException.class)
        .hasMessageContaining("needs 8 bytes, got 4");
  }

  @Test
  void aResponseForAnotherRequestIsPermanent() {
    // given a server answering with someone else's id
    triton.onInfer((request, response) -> {
      response.onNext(ScriptedTriton.echoResponse(request).toBuilder().setId("other").build());
      response.onCompleted();
    });

    assertThat(failureOf(client.infer(anyRequest())))
        .isInstanceOf(PermanentTritonException.class)
        .hasMessageContaining("response is for request id other");
  }

  @Test
  void statisticsAreReturned() throws Exception {
    // given one inference done
    client.infer(anyRequest()).get(5, TimeUnit.SECONDS);

    // then
    assertThat(client.statistics("medgemma-4b-it", ""))
        .singleElement()
        .satisfies(stats -> assertThat(stats.getInferenceCount()).isEqualTo(1));
  }

  @Test
  void theClientNeverShutsDownTheChannel() throws Exception {
    // given a client that has been used
    client.infer(anyRequest()).get(5, TimeUnit.SECONDS);

    // then the caller's channel is still open
    assertThat(server.channel().isShutdown()).isFalse();
  }

  private static InferRequest anyRequest() {
    return InferRequest.builder("medgemma-4b-it")
        .input(InferInput.bytes("PROMPT", List.of(1L, 1L),
            List.of("p".getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no failure within 10 s", e);
    }
    throw new AssertionError("the call succeeded");
  }
}
