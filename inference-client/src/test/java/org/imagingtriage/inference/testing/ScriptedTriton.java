package org.imagingtriage.inference.testing;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.imagingtriage.inference.Datatype;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelConfigRequest;
import org.imagingtriage.inference.proto.ModelConfigResponse;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelMetadataRequest;
import org.imagingtriage.inference.proto.ModelMetadataResponse;
import org.imagingtriage.inference.proto.ModelMetadataResponse.TensorMetadata;
import org.imagingtriage.inference.proto.ModelOutput;
import org.imagingtriage.inference.proto.ModelReadyRequest;
import org.imagingtriage.inference.proto.ModelReadyResponse;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.imagingtriage.inference.proto.ModelStatisticsRequest;
import org.imagingtriage.inference.proto.ModelStatisticsResponse;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;
import org.imagingtriage.inference.proto.ServerLiveRequest;
import org.imagingtriage.inference.proto.ServerLiveResponse;
import org.imagingtriage.inference.proto.ServerReadyRequest;
import org.imagingtriage.inference.proto.ServerReadyResponse;

/**
 * A small GRPCInferenceService for tests: one model described by a ModelConfig, and scripted
 * behaviour for inference. Metadata is derived from the config as Triton derives it (batch
 * dimension -1 first when the model batches).
 */
public final class ScriptedTriton extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

  private volatile ModelConfig config;
  private volatile boolean live = true;
  private volatile boolean ready = true;
  private volatile BiConsumer<ModelInferRequest, StreamObserver<ModelInferResponse>> infer =
      ScriptedTriton::echo;
  private volatile BiConsumer<ModelInferRequest, StreamObserver<ModelStreamInferResponse>>
      streamRequest = (request, responses) -> {};
  private final List<ModelInferRequest> inferRequests = new CopyOnWriteArrayList<>();
  private final List<ModelInferRequest> streamRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger inferCalls = new AtomicInteger();

  public ScriptedTriton(ModelConfig config) {
    this.config = config;
  }

  public void setConfig(ModelConfig config) {
    this.config = config;
  }

  public void setLive(boolean live) {
    this.live = live;
  }

  public void setReady(boolean ready) {
    this.ready = ready;
  }

  /** Replaces the ModelInfer behaviour; the default echoes every input back as an output. */
  public void onInfer(BiConsumer<ModelInferRequest, StreamObserver<ModelInferResponse>> behaviour) {
    this.infer = behaviour;
  }

  /** Called for each request read from a ModelStreamInfer stream. */
  public void onStreamRequest(
      BiConsumer<ModelInferRequest, StreamObserver<ModelStreamInferResponse>> behaviour) {
    this.streamRequest = behaviour;
  }

  public List<ModelInferRequest> inferRequests() {
    return inferRequests;
  }

  public List<ModelInferRequest> streamRequests() {
    return streamRequests;
  }

  public int inferCalls() {
    return inferCalls.get();
  }

  /** Answers with every input as an output of the same name, type, shape and bytes. */
  public static void echo(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
    response.onNext(echoResponse(request));
    response.onCompleted();
  }

  public static ModelInferResponse echoResponse(ModelInferRequest request) {
    ModelInferResponse.Builder echo =
        ModelInferResponse.newBuilder()
            .setModelName(request.getModelName())
            .setModelVersion("1")
            .setId(request.getId());
    for (int i = 0; i < request.getInputsCount(); i++) {
      ModelInferRequest.InferInputTensor input = request.getInputs(i);
      echo.addOutputs(
          ModelInferResponse.InferOutputTensor.newBuilder()
              .setName(input.getName())
              .setDatatype(input.getDatatype())
              .addAllShape(input.getShapeList()));
      echo.addRawOutputContents(request.getRawInputContents(i));
    }
    return echo.build();
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
    response.onNext(ServerLiveResponse.newBuilder().setLive(live).build());
    response.onCompleted();
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
    response.onNext(ServerReadyResponse.newBuilder().setReady(ready).build());
    response.onCompleted();
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
    if (!request.getName().equals(config.getName())) {
      response.onError(unknownModel(request.getName()));
      return;
    }
    response.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
    response.onCompleted();
  }

  @Override
  public void modelMetadata(
      ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
    if (!request.getName().equals(config.getName())) {
      response.onError(unknownModel(request.getName()));
      return;
    }
    response.onNext(metadataOf(config));
    response.onCompleted();
  }

  @Override
  public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> response) {
    if (!request.getName().equals(config.getName())) {
      response.onError(unknownModel(request.getName()));
      return;
    }
    response.onNext(ModelConfigResponse.newBuilder().setConfig(config).build());
    response.onCompleted();
  }

  @Override
  public void modelStatistics(
      ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> response) {
    response.onNext(
        ModelStatisticsResponse.newBuilder()
            .addModelStats(
                ModelStatistics.newBuilder()
                    .setName(config.getName())
                    .setVersion("1")
                    .setInferenceCount(inferCalls.get()))
            .build());
    response.onCompleted();
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
    inferCalls.incrementAndGet();
    inferRequests.add(request);
    infer.accept(request, response);
  }

  @Override
  public StreamObserver<ModelInferRequest> modelStreamInfer(
      StreamObserver<ModelStreamInferResponse> responses) {
    // One writer at a time, as gRPC requires, even when behaviours answer from other threads.
    StreamObserver<ModelStreamInferResponse> serialized = new SerializedObserver<>(responses);
    return new StreamObserver<>() {
      @Override
      public void onNext(ModelInferRequest request) {
        streamRequests.add(request);
        streamRequest.accept(request, serialized);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        serialized.onCompleted();
      }
    };
  }

  /** The ModelMetadata Triton reports for a config. */
  public static ModelMetadataResponse metadataOf(ModelConfig config) {
    ModelMetadataResponse.Builder metadata =
        ModelMetadataResponse.newBuilder()
            .setName(config.getName())
            .addVersions("1")
            .setPlatform(config.getBackend());
    boolean batching = config.getMaxBatchSize() > 0;
    for (ModelInput input : config.getInputList()) {
      metadata.addInputs(tensor(input.getName(), Datatype.fromConfig(input.getDataType()),
          input.getDimsList(), batching));
    }
    for (ModelOutput output : config.getOutputList()) {
      metadata.addOutputs(tensor(output.getName(), Datatype.fromConfig(output.getDataType()),
          output.getDimsList(), batching));
    }
    return metadata.build();
  }

  private static TensorMetadata tensor(
      String name, Datatype datatype, List<Long> dims, boolean batching) {
    TensorMetadata.Builder tensor = TensorMetadata.newBuilder().setName(name).setDatatype(datatype.wireName());
    if (batching) {
      tensor.addShape(-1);
    }
    return tensor.addAllShape(dims).build();
  }

  private static RuntimeException unknownModel(String name) {
    return Status.UNAVAILABLE
        .withDescription("Request for unknown model: '" + name + "' is not found")
        .asRuntimeException();
  }

  /** Serialises calls onto a StreamObserver, which is not thread-safe. */
  private static final class SerializedObserver<T> implements StreamObserver<T> {
    private final StreamObserver<T> delegate;

    SerializedObserver(StreamObserver<T> delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized void onNext(T value) {
      delegate.onNext(value);
    }

    @Override
    public synchronized void onError(Throwable t) {
      delegate.onError(t);
    }

    @Override
    public synchronized void onCompleted() {
      delegate.onCompleted();
    }
  }
}
