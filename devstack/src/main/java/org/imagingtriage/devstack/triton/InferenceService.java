package org.imagingtriage.devstack.triton;

import java.util.ArrayList;
import java.util.List;

import io.grpc.stub.StreamObserver;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.ModelConfigRequest;
import org.imagingtriage.inference.proto.ModelConfigResponse;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.imagingtriage.inference.proto.ModelMetadataRequest;
import org.imagingtriage.inference.proto.ModelMetadataResponse;
import org.imagingtriage.inference.proto.ModelReadyRequest;
import org.imagingtriage.inference.proto.ModelReadyResponse;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.imagingtriage.inference.proto.ModelStatisticsRequest;
import org.imagingtriage.inference.proto.ModelStatisticsResponse;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;
import org.imagingtriage.inference.proto.ServerLiveRequest;
import org.imagingtriage.inference.proto.ServerLiveResponse;
import org.imagingtriage.inference.proto.ServerMetadataRequest;
import org.imagingtriage.inference.proto.ServerMetadataResponse;
import org.imagingtriage.inference.proto.ServerReadyRequest;
import org.imagingtriage.inference.proto.ServerReadyResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The KServe v2 RPCs, answered as Triton answers them. */
final class InferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

    private final InferenceGateway gateway;
    private final FaultInjector faults;

    InferenceService(InferenceGateway gateway, FaultInjector faults) {
        this.gateway = gateway;
        this.faults = faults;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> observer) {
        reply(observer, ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> observer) {
        reply(observer, ServerReadyResponse.newBuilder().setReady(true).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
        answer(observer, () -> {
            gateway.registry().resolve(request.getName(), request.getVersion());
            return ModelReadyResponse.newBuilder().setReady(true).build();
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> observer) {
        reply(observer, ModelMetadataFactory.server());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
        answer(observer, () -> {
            ModelRegistry.Resolved resolved = gateway.registry().resolve(request.getName(), request.getVersion());
            return ModelMetadataFactory.model(resolved.model(), ModelRegistry.parseVersion(request.getVersion()));
        });
    }

    @Override
    public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> observer) {
        answer(observer, () -> ModelConfigResponse.newBuilder()
                .setConfig(gateway.registry().resolve(request.getName(), request.getVersion()).model().config())
                .build());
    }

    @Override
    public void modelStatistics(ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> observer) {
        answer(observer, () -> statistics(request.getName(), request.getVersion()));
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        UnaryResponseSink sink = new UnaryResponseSink(observer);
        try {
            gateway.infer(request, false, sink);
        } catch (TritonError e) {
            LOG.debug("[request id: {}] Infer failed: {}", request.getId(), e.getMessage());
            sink.fail(e);
        } catch (RuntimeException e) {
            LOG.error("ModelInfer '{}' failed unexpectedly", request.getId(), e);
            sink.fail(TritonError.internal("simulator error: " + e.getMessage()));
        }
    }

    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> observer) {
        return new StreamSession(observer, gateway, faults);
    }

    /**
     * Triton's statistics lookup (core src/tritonserver.cc, TRITONSERVER_ServerModelStatistics):
     * an empty name means every model, an empty version every served version; unknown names and
     * versions are INVALID_ARGUMENT.
     */
    ModelStatisticsResponse statistics(String name, String versionString) {
        long version = ModelRegistry.parseVersion(versionString);
        List<SimulatedModel> models = new ArrayList<>();
        if (name.isEmpty()) {
            models.addAll(gateway.registry().all());
        } else if (gateway.registry().contains(name)) {
            models.add(gateway.registry().resolve(name, "").model());
        } else {
            throw TritonError.invalidArgument("requested model '" + name + "' is not available");
        }
        ModelStatisticsResponse.Builder response = ModelStatisticsResponse.newBuilder();
        for (SimulatedModel model : models) {
            if (version != ModelRegistry.LATEST && !model.versions().contains(version)) {
                throw TritonError.invalidArgument("requested model version is not available for model '"
                        + model.name() + "'");
            }
            for (long served : model.versions()) {
                if (version == ModelRegistry.LATEST || served == version) {
                    ModelRuntime runtime = gateway.runtime(model.name(), served);
                    ModelStatistics statistics = runtime.statistics().snapshot(model.name(), served);
                    response.addModelStats(statistics);
                }
            }
        }
        return response.build();
    }

    private static <T> void reply(StreamObserver<T> observer, T response) {
        observer.onNext(response);
        observer.onCompleted();
    }

    private interface Answer<T> {
        T get();
    }

    private static <T> void answer(StreamObserver<T> observer, Answer<T> answer) {
        T response;
        try {
            response = answer.get();
        } catch (TritonError e) {
            observer.onError(e.toStatusException());
            return;
        }
        reply(observer, response);
    }
}
