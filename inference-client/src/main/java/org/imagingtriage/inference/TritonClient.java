package org.imagingtriage.inference;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelConfigRequest;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.imagingtriage.inference.proto.ModelMetadataRequest;
import org.imagingtriage.inference.proto.ModelMetadataResponse;
import org.imagingtriage.inference.proto.ModelReadyRequest;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.imagingtriage.inference.proto.ModelStatisticsRequest;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;
import org.imagingtriage.inference.proto.ServerLiveRequest;
import org.imagingtriage.inference.proto.ServerReadyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks KServe v2 gRPC to Triton over a channel it does not own: the caller builds the channel
 * (see {@code TritonChannels}) and shuts it down; this class never does.
 *
 * <p>Health, metadata and statistics calls block (they run at start-up and in readiness
 * probes); inference is asynchronous. Every failure surfaces as a {@link TritonException},
 * thrown or as the exceptional completion of the returned future. Futures complete on gRPC's
 * callback threads: chain heavy work with the *Async variants.
 */
public final class TritonClient {

  private static final Logger log = LoggerFactory.getLogger(TritonClient.class);

  private final Channel channel;
  private final TritonClientConfig config;

  public TritonClient(Channel channel, TritonClientConfig config) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.config = Objects.requireNonNull(config, "config");
  }

  public boolean serverLive() {
    return blockingCall(
        "ServerLive",
        () -> health().serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
  }

  public boolean serverReady() {
    return blockingCall(
        "ServerReady",
        () -> health().serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
  }

  /**
   * @param modelVersion empty for the server's choice
   */
  public boolean modelReady(String modelName, String modelVersion) {
    return blockingCall(
        "ModelReady " + modelName,
        () ->
            health()
                .modelReady(
                    ModelReadyRequest.newBuilder()
                        .setName(modelName)
                        .setVersion(modelVersion)
                        .build())
                .getReady());
  }

  /**
   * Fetches the model's metadata and configuration and checks them against what the client
   * will send, so a wrong model fails at start-up rather than on the first image.
   *
   * @throws ModelMismatchException listing every difference
   * @throws TritonException if the server cannot be asked
   */
  public ModelBinding bind(ModelExpectation expectation) {
    String model = expectation.modelName();
    ModelMetadataResponse metadata =
        blockingCall(
            "ModelMetadata " + model,
            () ->
                metadata()
                    .modelMetadata(
                        ModelMetadataRequest.newBuilder()
                            .setName(model)
                            .setVersion(expectation.modelVersion())
                            .build()));
    ModelConfig modelConfig =
        blockingCall(
            "ModelConfig " + model,
            () ->
                metadata()
                    .modelConfig(
                        ModelConfigRequest.newBuilder()
                            .setName(model)
                            .setVersion(expectation.modelVersion())
                            .build())
                    .getConfig());
    List<String> mismatches = ModelContractCheck.mismatches(expectation, metadata, modelConfig);
    if (!mismatches.isEmpty()) {
      log.atError()
          .setMessage("model does not match what the client sends")
          .addKeyValue("model", model)
          .addKeyValue("mismatches", mismatches.size())
          .log();
      throw new ModelMismatchException(mismatches);
    }
    ModelTransaction transaction =
        modelConfig.getModelTransactionPolicy().getDecoupled()
            ? ModelTransaction.DECOUPLED
            : ModelTransaction.UNARY;
    ModelBinding binding =
        new ModelBinding(
            expectation,
            metadata.getVersionsList(),
            metadata.getPlatform(),
            modelConfig.getMaxBatchSize(),
            transaction,
            modelConfig);
    log.atInfo()
        .setMessage("bound to model")
        .addKeyValue("model", model)
        .addKeyValue("versions", binding.versions())
        .addKeyValue("platform", binding.platform())
        .addKeyValue("maxBatchSize", binding.maxBatchSize())
        .addKeyValue("transaction", transaction)
        .log();
    return binding;
  }

  /**
   * Cumulative statistics of a model (all models when the name is empty).
   */
  public List<ModelStatistics> statistics(String modelName, String modelVersion) {
    return blockingCall(
        "ModelStatistics " + modelName,
        () ->
            metadata()
                .modelStatistics(
                    ModelStatisticsRequest.newBuilder()
                        .setName(modelName)
                        .setVersion(modelVersion)
                        .build())
                .getModelStatsList());
  }

  /**
   * Sends one request with ModelInfer. The future fails with a {@link TritonException};
   * cancelling it cancels the call.
   */
  public CompletableFuture<InferResult> infer(InferRequest request) {
    String operation = "ModelInfer " + request.modelName() + " id=" + request.id();
    CompletableFuture<InferResult> result = new CompletableFuture<>();
    ClientCall<ModelInferRequest, ModelInferResponse> call =
        channel.newCall(
            GRPCInferenceServiceGrpc.getModelInferMethod(),
            withDeadline(CallOptions.DEFAULT, config.inferDeadline()));
    log.atDebug()
        .setMessage("infer")
        .addKeyValue("model", request.modelName())
        .addKeyValue("requestId", request.id())
        .addKeyValue("priority", request.priority())
        .addKeyValue("payloadBytes", request.payloadBytes())
        .log();
    try {
      ClientCalls.asyncUnaryCall(
          call, request.toProto(), new UnaryResult(operation, request.id(), result));
    } catch (RuntimeException e) {
      result.completeExceptionally(TritonErrors.classify(operation, e));
    }
    result.whenComplete(
        (ignored, failure) -> {
          if (result.isCancelled()) {
            call.cancel("cancelled by the caller", null);
          }
        });
    return result;
  }

  /**
   * Opens a ModelStreamInfer stream for decoupled models. The caller closes it; the stream
   * lives at most {@link TritonClientConfig#streamDeadline()}.
   */
  public TritonStream openStream() {
    ClientCall<ModelInferRequest, ModelStreamInferResponse> call =
        channel.newCall(
            GRPCInferenceServiceGrpc.getModelStreamInferMethod(),
            withDeadline(CallOptions.DEFAULT, config.streamDeadline()));
    return TritonStream.open(call, config.streamRequestTimeout());
  }

  private GRPCInferenceServiceBlockingStub health() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(config.healthDeadline().toNanos(), TimeUnit.NANOSECONDS);
  }

  private GRPCInferenceServiceBlockingStub metadata() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(config.metadataDeadline().toNanos(), TimeUnit.NANOSECONDS);
  }

  private static CallOptions withDeadline(CallOptions options, Duration deadline) {
    return options.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static <T> T blockingCall(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      TritonException failure = TritonErrors.classify(operation, e);
      log.atWarn()
          .setMessage("call to Triton failed")
          .addKeyValue("operation", operation)
          .addKeyValue("code", failure.code())
          .addKeyValue("transient", failure.isTransient())
          .log();
      throw failure;
    }
  }

  /** Completes the caller's future from one unary call. */
  private static final class UnaryResult implements StreamObserver<ModelInferResponse> {
    private final String operation;
    private final String requestId;
    private final CompletableFuture<InferResult> result;

    UnaryResult(String operation, String requestId, CompletableFuture<InferResult> result) {
      this.operation = operation;
      this.requestId = requestId;
      this.result = result;
    }

    @Override
    public void onNext(ModelInferResponse response) {
      if (!response.getId().isEmpty() && !response.getId().equals(requestId)) {
        result.completeExceptionally(
            new PermanentTritonException(
                Status.Code.INTERNAL,
                operation,
                "response is for request id " + response.getId(),
                null));
        return;
      }
      try {
        result.complete(InferResult.fromProto(response));
      } catch (MalformedTensorException e) {
        result.completeExceptionally(
            new PermanentTritonException(Status.Code.INTERNAL, operation, e.getMessage(), e));
      }
    }

    @Override
    public void onError(Throwable failure) {
      TritonException classified = TritonErrors.classify(operation, failure);
      log.atDebug()
          .setMessage("infer failed")
          .addKeyValue("operation", operation)
          .addKeyValue("code", classified.code())
          .addKeyValue("transient", classified.isTransient())
          .log();
      result.completeExceptionally(classified);
    }

    @Override
    public void onCompleted() {
      if (!result.isDone()) {
        result.completeExceptionally(
            new PermanentTritonException(
                Status.Code.INTERNAL, operation, "server completed the call without a response",
                null));
      }
    }
  }
}
