package org.imagingtriage.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;
import org.imagingtriage.inference.testing.InProcessTriton;
import org.imagingtriage.inference.testing.ModelConfigs;
import org.imagingtriage.inference.testing.ScriptedTriton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TritonStreamTest {

  private ScriptedTriton triton;
  private InProcessTriton server;
  private TritonClient client;
  /** Server side: the response stream of each request id, so tests answer in any order. */
  private final Map<String, StreamObserver<ModelStreamInferResponse>> streams =
      new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    triton = new ScriptedTriton(ModelConfigs.medgemma());
    triton.onStreamRequest((request, responses) -> streams.put(request.getId(), responses));
    server = new InProcessTriton(triton);
    client = new TritonClient(server.channel(), TritonClientConfig.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void interleavedResponsesAreCorrelatedByRequestId() throws Exception {
    // given two requests open on one stream
    try (TritonStream stream = client.openStream()) {
      List<String> firstChunks = new CopyOnWriteArrayList<>();
      List<String> secondChunks = new CopyOnWriteArrayList<>();
      CompletableFuture<List<InferResult>> first =
          stream.submit(request("a"), r -> firstChunks.add(text(r)));
      CompletableFuture<List<InferResult>> second =
          stream.submit(request("b"), r -> secondChunks.add(text(r)));
      awaitServerSaw("a", "b");

      // when the server answers them interleaved, several times each, final flag last
      send("b", chunk("b", "B1", false));
      send("a", chunk("a", "A1", false));
      send("b", chunk("b", "B2", false));
      send("a", chunk("a", "A2", true));
      send("b", emptyFinal("b"));

      // then each request got its own responses in order, and the empty final only closed b
      assertThat(first.get(5, TimeUnit.SECONDS)).extracting(TritonStreamTest::text)
          .containsExactly("A1", "A2");
      assertThat(second.get(5, TimeUnit.SECONDS)).extracting(TritonStreamTest::text)
          .containsExactly("B1", "B2");
      assertThat(firstChunks).containsExactly("A1", "A2");
      assertThat(secondChunks).containsExactly("B1", "B2");
      assertThat(stream.openRequests()).isZero();
    }
  }

  @Test
  void everyStreamRequestAsksForAnEmptyFinalResponse() throws Exception {
    try (TritonStream stream = client.openStream()) {
      stream.submit(request("a"), r -> {});
      awaitServerSaw("a");

      ModelInferRequest received = triton.streamRequests().get(0);
      assertThat(received.getParametersMap().get(TritonStream.EMPTY_FINAL_RESPONSE))
          .isEqualTo(InferParameter.newBuilder().setBoolParam(true).build());
    }
  }

  @Test
  void aResponseWithoutTheFinalFlagEndsTheRequest() throws Exception {
    // given a non-decoupled model answering on a stream, without the flag
    try (TritonStream stream = client.openStream()) {
      CompletableFuture<List<InferResult>> result = stream.submit(request("a"), r -> {});
      awaitServerSaw("a");

      // when
      send("a", ModelStreamInferResponse.newBuilder()
          .setInferResponse(responseWith("a", "only")).build());

      // then
      assertThat(result.get(5, TimeUnit.SECONDS)).extracting(TritonStreamTest::text)
          .containsExactly("only");
    }
  }

  @Test
  void aPerRequestErrorFailsOnlyThatRequest() throws Exception {
    // given three requests open
    try (TritonStream stream = client.openStream()) {
      CompletableFuture<List<InferResult>> queueFull = stream.submit(request("full"), r -> {});
      CompletableFuture<List<InferResult>> invalid = stream.submit(request("bad"), r -> {});
      CompletableFuture<List<InferResult>> fine = stream.submit(request("ok"), r -> {});
      awaitServerSaw("full", "bad", "ok");

      // when the server reports errors for two of them, as Triton does: text plus the id
      send("full", error("full", "Exceeds maximum queue size"));
      send("bad", error("bad", "unexpected shape for input 'IMAGE'"));
      send("ok", chunk("ok", "done", true));

      // then the queue-full one is transient, the other permanent, the third unaffected
      assertThat(failureOf(queueFull)).isInstanceOf(TransientTritonException.class);
      assertThat(failureOf(invalid)).isInstanceOf(PermanentTritonException.class)
          .hasMessageContaining("unexpected shape for input 'IMAGE'");
      assertThat(fine.get(5, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  void aRequestWithoutFinalResponseTimesOutAsTransient() {
    // given a short per-request timeout and a server that never finishes the request
    TritonClient impatient =
        new TritonClient(server.channel(),
            TritonClientConfig.defaults().withStreamRequestTimeout(Duration.ofMillis(200)));
    try (TritonStream stream = impatient.openStream()) {
      CompletableFuture<List<InferResult>> result = stream.submit(request("slow"), r -> {});

      // then
      Throwable failure = failureOf(result);
      assertThat(failure).isInstanceOf(TransientTritonException.class);
      assertThat(((TritonException) failure).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(stream.openRequests()).isZero();
    }
  }

  @Test
  void aFailedStreamFailsEveryOpenRequestAndRefusesNewOnes() throws Exception {
    // given two open requests
    TritonStream stream = client.openStream();
    CompletableFuture<List<InferResult>> first = stream.submit(request("a"), r -> {});
    CompletableFuture<List<InferResult>> second = stream.submit(request("b"), r -> {});
    awaitServerSaw("a", "b");

    // when the server fails the whole stream
    streams.get("a").onError(Status.UNAVAILABLE.withDescription("shutting down").asRuntimeException());

    // then
    assertThat(failureOf(first)).isInstanceOf(TransientTritonException.class);
    assertThat(failureOf(second)).isInstanceOf(TransientTritonException.class);
    assertThat(failureOf(stream.submit(request("c"), r -> {})))
        .isInstanceOf(TransientTritonException.class);
  }

  @Test
  void aDuplicateOpenIdIsRefused() throws Exception {
    try (TritonStream stream = client.openStream()) {
      stream.submit(request("same"), r -> {});

      assertThatThrownBy(() -> stream.submit(request("same"), r -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("same is already open");
    }
  }

  @Test
  void anErrorWithoutIdIsAttributedToTheOnlyOpenRequest() throws Exception {
    // given one open request and a server that does not echo the id on errors
    try (TritonStream stream = client.openStream()) {
      CompletableFuture<List<InferResult>> only = stream.submit(request("solo"), r -> {});
      awaitServerSaw("solo");

      // when
      send("solo", error("", "Exceeds maximum queue size"));

      // then
      assertThat(failureOf(only)).isInstanceOf(TransientTritonException.class);
    }
  }

  @Test
  void aClosedStreamRefusesNewRequests() {
    TritonStream stream = client.openStream();
    stream.close();

    assertThatThrownBy(() -> stream.submit(request("late"), r -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private void awaitServerSaw(String... ids) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!streams.keySet().containsAll(List.of(ids))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("server did not receive " + List.of(ids));
      }
      Thread.sleep(5);
    }
  }

  private void send(String id, ModelStreamInferResponse response) {
    streams.get(id).onNext(response);
  }

  private static InferRequest request(String id) {
    return InferRequest.builder("medgemma-4b-it-vllm")
        .id(id)
        .input(InferInput.strings("text_input", List.of(1L), List.of("prompt")))
        .build();
  }

  private static ModelInferResponse responseWith(String id, String text) {
    ModelInferResponse.Builder response =
        ModelInferResponse.newBuilder().setModelName("medgemma-4b-it-vllm").setId(id);
    response.addOutputs(
        ModelInferResponse.InferOutputTensor.newBuilder()
            .setName("text_output").setDatatype("BYTES").addShape(1));
    response.addRawOutputContents(
        InferInput.strings("text_output", List.of(1L), List.of(text)).rawContents());
    return response.build();
  }

  private static ModelStreamInferResponse chunk(String id, String text, boolean last) {
    ModelInferResponse response =
        responseWith(id, text).toBuilder()
            .putParameters(InferResult.FINAL_RESPONSE_PARAMETER,
                InferParameter.newBuilder().setBoolParam(last).build())
            .build();
    return ModelStreamInferResponse.newBuilder().setInferResponse(response).build();
  }

  private static ModelStreamInferResponse emptyFinal(String id) {
    return ModelStreamInferResponse.newBuilder()
        .setInferResponse(
            ModelInferResponse.newBuilder()
                .setId(id)
                .putParameters(InferResult.FINAL_RESPONSE_PARAMETER,
                    InferParameter.newBuilder().setBoolParam(true).build()))
        .build();
  }

  private static ModelStreamInferResponse error(String id, String message) {
    return ModelStreamInferResponse.newBuilder()
        .setErrorMessage(message)
        .setInferResponse(ModelInferResponse.newBuilder().setId(id))
        .build();
  }

  private static String text(InferResult result) {
    return result.output("text_output").asString();
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no failure within 10 s", e);
    }
    throw new AssertionError("the request succeeded");
  }
}
