package org.imagingtriage.inference;

import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ModelStreamInfer stream, shared by many requests, for decoupled models.
 *
 * <p>What this relies on (Triton's decoupled semantics): responses of different requests
 * interleave in any order and are told apart only by the request id the server echoes; a
 * request may get zero or more responses; each response carries the bool parameter {@value
 * InferResult#FINAL_RESPONSE_PARAMETER}, true on the last one; because a model may end a request
 * without a last data response, every request is sent with {@value #EMPTY_FINAL_RESPONSE}, which
 * makes Triton send an empty final response in that case. A response without the parameter is
 * treated as final (a non-decoupled model answers once). A per-request error arrives as
 * {@code error_message} with the request id in {@code infer_response.id}; the stream stays open
 * and that request is over. Failure of the whole stream fails every open request.
 */
public final class TritonStream implements AutoCloseable {

  /** Request parameter asking Triton for an empty response carrying only the final flag. */
  public static final String EMPTY_FINAL_RESPONSE = "triton_enable_empty_final_response";

  private static final Logger log = LoggerFactory.getLogger(TritonStream.class);
  private static final String OPERATION = "ModelStreamInfer";

  private final ClientCall<ModelInferRequest, ModelStreamInferResponse> call;
  private final Duration requestTimeout;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicReference<TritonException> streamFailure = new AtomicReference<>();
  private final Object sendLock = new Object();
  private StreamObserver<ModelInferRequest> requests;
  private volatile boolean halfClosed;

  private TritonStream(
      ClientCall<ModelInferRequest, ModelStreamInferResponse> call, Duration requestTimeout) {
    this.call = call;
    this.requestTimeout = requestTimeout;
  }

  static TritonStream open(
      ClientCall<ModelInferRequest, ModelStreamInferResponse> call, Duration requestTimeout) {
    TritonStream stream = new TritonStream(call, requestTimeout);
    synchronized (stream.sendLock) {
      stream.requests = ClientCalls.asyncBidiStreamingCall(call, stream.new Responses());
    }
    return stream;
  }

  /**
   * Sends a request on the stream.
   *
   * @param onResponse called with each non-empty response, in arrival order, on a gRPC thread
   * @return completes with all non-empty responses once the final one arrived, or fails with a
   *     {@link TritonException} (DEADLINE_EXCEEDED if no final response came within the
   *     request timeout)
   * @throws IllegalArgumentException if a request with the same id is still open
   * @throws IllegalStateException after {@link #close()}
   */
  public CompletableFuture<List<InferResult>> submit(
      InferRequest request, Consumer<InferResult> onResponse) {
    String id = request.id();
    if (halfClosed) {
      throw new IllegalStateException("stream is closed");
    }
    Pending entry = new Pending(OPERATION + " " + request.modelName() + " id=" + id, onResponse);
    TritonException failed = streamFailure.get();
    if (failed != null) {
      entry.future.completeExceptionally(failed);
      return entry.future;
    }
    if (pending.putIfAbsent(id, entry) != null) {
      throw new IllegalArgumentException("request id " + id + " is already open on this stream");
    }
    failed = streamFailure.get();
    if (failed != null && pending.remove(id, entry)) {
      // The stream died between the first check and registration: failAll missed this entry.
      entry.future.completeExceptionally(failed);
      return entry.future;
    }
    ModelInferRequest proto =
        request.toProto().toBuilder()
            .putParameters(EMPTY_FINAL_RESPONSE, InferParameter.newBuilder().setBoolParam(true).build())
            .build();
    synchronized (sendLock) {
      if (halfClosed) {
        pending.remove(id, entry);
        throw new IllegalStateException("stream is closed");
      }
      try {
        requests.onNext(proto);
      } catch (RuntimeException e) {
        pending.remove(id, entry);
        entry.future.completeExceptionally(TritonErrors.classify(entry.operation, e));
        return entry.future;
      }
    }
    CompletableFuture.delayedExecutor(requestTimeout.toNanos(), TimeUnit.NANOSECONDS)
        .execute(() -> expire(id, entry));
    log.atDebug()
        .setMessage("stream request sent")
        .addKeyValue("model", request.modelName())
        .addKeyValue("requestId", id)
        .addKeyValue("open", pending.size())
        .log();
    return entry.future;
  }

  /** Requests sent and not yet finished. */
  public int openRequests() {
    return pending.size();
  }

  /**
   * Half-closes the stream: no more requests, open ones still finish. The server then ends the
   * stream; any request still open at that point fails.
   */
  @Override
  public void close() {
    synchronized (sendLock) {
      if (!halfClosed) {
        halfClosed = true;
        requests.onCompleted();
      }
    }
  }

  /** Abandons the stream at once; every open request fails with CANCELLED. */
  public void cancel(String reason) {
    call.cancel(reason, null);
  }

  private void expire(String id, Pending entry) {
    if (pending.remove(id, entry)) {
      entry.future.completeExceptionally(
          new TransientTritonException(
              Status.Code.DEADLINE_EXCEEDED,
              entry.operation,
              "no final response within " + requestTimeout,
              null));
    }
  }

  private void failAll(TritonException failure) {
    streamFailure.compareAndSet(null, failure);
    for (Map.Entry<String, Pending> entry : pending.entrySet()) {
      if (pending.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().future.completeExceptionally(failure);
      }
    }
  }

  private final class Responses implements StreamObserver<ModelStreamInferResponse> {

    @Override
    public void onNext(ModelStreamInferResponse response) {
      String id = response.getInferResponse().getId();
      if (!response.getErrorMessage().isEmpty()) {
        onRequestError(id, response.getErrorMessage());
        return;
      }
      Pending entry = pending.get(id);
      if (entry == null) {
        // Late response to a request that already timed out, or a server bug: nothing waits.
        log.atWarn()
            .setMessage("stream response for no open request")
            .addKeyValue("requestId", id)
            .log();
        return;
      }
      InferResult result;
      try {
        result = InferResult.fromProto(response.getInferResponse());
      } catch (MalformedTensorException e) {
        if (pending.remove(id, entry)) {
          entry.future.completeExceptionally(
              new PermanentTritonException(Status.Code.INTERNAL, entry.operation, e.getMessage(), e));
        }
        return;
      }
      if (!result.isEmpty()) {
        entry.responses.add(result);
        try {
          entry.onResponse.accept(result);
        } catch (RuntimeException e) {
          log.atWarn()
              .setMessage("stream response listener failed")
              .addKeyValue("requestId", id)
              .setCause(e)
              .log();
        }
      }
      if (result.isFinal() && pending.remove(id, entry)) {
        entry.future.complete(List.copyOf(entry.responses));
      }
    }

    private void onRequestError(String id, String message) {
      Pending entry = pending.get(id);
      String key = id;
      if (entry == null && id.isEmpty() && pending.size() == 1) {
        // Servers that do not echo the id on errors: with one request open, it is that one.
        Map.Entry<String, Pending> only = pending.entrySet().iterator().next();
        entry = only.getValue();
        key = only.getKey();
      }
      if (entry == null) {
        log.atWarn()
            .setMessage("stream error for no open request")
            .addKeyValue("requestId", id)
            .log();
        return;
      }
      if (pending.remove(key, entry)) {
        TritonException failure = TritonErrors.fromStreamError(entry.operation, message);
        log.atDebug()
            .setMessage("stream request failed")
            .addKeyValue("requestId", key)
            .addKeyValue("transient", failure.isTransient())
            .log();
        entry.future.completeExceptionally(failure);
      }
    }

    @Override
    public void onError(Throwable failure) {
      TritonException classified = TritonErrors.classify(OPERATION, failure);
      log.atWarn()
          .setMessage("stream failed")
          .addKeyValue("code", classified.code())
          .addKeyValue("open", pending.size())
          .log();
      failAll(classified);
    }

    @Override
    public void onCompleted() {
      failAll(
          new TransientTritonException(
              Status.Code.UNAVAILABLE, OPERATION, "server ended the stream", null));
    }
  }

  /** A request waiting for its final response. */
  private static final class Pending {
    final String operation;
    final Consumer<InferResult> onResponse;
    final CompletableFuture<List<InferResult>> future = new CompletableFuture<>();
    // Written only from the stream's serialized callbacks.
    final List<InferResult> responses = new ArrayList<>();

    Pending(String operation, Consumer<InferResult> onResponse) {
      this.operation = operation;
      this.onResponse = onResponse;
    }
  }
}
