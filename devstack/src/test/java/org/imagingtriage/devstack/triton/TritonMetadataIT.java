package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.imagingtriage.devstack.triton.TritonTestSupport.MEDGEMMA;
import static org.imagingtriage.devstack.triton.TritonTestSupport.image;
import static org.imagingtriage.devstack.triton.TritonTestSupport.medgemma;
import static org.imagingtriage.devstack.triton.TritonTestSupport.strings;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelConfigRequest;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.imagingtriage.inference.proto.ModelInstanceGroup;
import org.imagingtriage.inference.proto.ModelMetadataRequest;
import org.imagingtriage.inference.proto.ModelMetadataResponse;
import org.imagingtriage.inference.proto.ModelReadyRequest;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.imagingtriage.inference.proto.ModelStatisticsRequest;
import org.imagingtriage.inference.proto.ServerLiveRequest;
import org.imagingtriage.inference.proto.ServerMetadataRequest;
import org.imagingtriage.inference.proto.ServerReadyRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, metadata, config and statistics RPCs, and the simulated MedGemma answer. */
@ExtendWith(TritonSimulatorExtension.class)
@SimulatedTriton(modelRepository = "classpath:triton-test-repository", profile = "instant", seed = 3)
@TestInstance(Lifecycle.PER_CLASS)
class TritonMetadataIT {

    private final TritonSimulator triton;
    private ManagedChannel channel;

    TritonMetadataIT(TritonSimulator triton) {
        this.triton = triton;
    }

    @BeforeAll
    void connect() {
        channel = TritonTestSupport.channel(triton);
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        TritonTestSupport.close(channel);
    }

    @Test
    void serverIsLiveReadyAndCallsItselfTriton() {
        assertThat(stub().serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(stub().serverMetadata(ServerMetadataRequest.getDefaultInstance()))
                .satisfies(metadata -> {
                    assertThat(metadata.getName()).isEqualTo("triton");
                    assertThat(metadata.getExtensionsList()).contains("statistics", "simulated");
                });
    }

    @Test
    void modelReadyKnowsLoadedModelsAndRefusesUnknownOnes() {
        assertThat(stub().modelReady(ModelReadyRequest.newBuilder().setName(MEDGEMMA).build()).getReady()).isTrue();
        assertThat(stub().modelReady(ModelReadyRequest.newBuilder().setName(MEDGEMMA).setVersion("1").build()).getReady()).isTrue();
        assertThatThrownBy(() -> stub().modelReady(ModelReadyRequest.newBuilder().setName("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Request for unknown model: 'nope' is not found");
                });
    }

    @Test
    void metadataShowsWireTypesAndTheBatchDimension() {
        // when
        ModelMetadataResponse metadata = stub().modelMetadata(ModelMetadataRequest.newBuilder().setName(MEDGEMMA).build());

        // then
        assertThat(metadata.getName()).isEqualTo(MEDGEMMA);
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getPlatform()).isEqualTo("python");
        assertThat(metadata.getInputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName,
                        ModelMetadataResponse.TensorMetadata::getDatatype, ModelMetadataResponse.TensorMetadata::getShapeList)
                .containsExactly(
                        tuple("IMAGE", "UINT8", List.of(-1L, 896L, 896L, 3L)),
                        tuple("PROMPT", "BYTES", List.of(-1L, 1L)),
                        tuple("MAX_NEW_TOKENS", "INT32", List.of(-1L, 1L)));
        assertThat(metadata.getOutputs(0).getShapeList()).containsExactly(-1L, 1L);

        ModelMetadataResponse unbatched = stub().modelMetadata(
                ModelMetadataRequest.newBuilder().setName(TritonTestSupport.NO_BATCH).build());
        assertThat(unbatched.getInputs(0).getShapeList()).containsExactly(2L, -1L);
    }

    @Test
    void modelConfigIsTheNormalizedConfig() {
        ModelConfig config = stub().modelConfig(ModelConfigRequest.newBuilder().setName(MEDGEMMA).build()).getConfig();

        assertThat(config.getMaxBatchSize()).isEqualTo(8);
        assertThat(config.getDynamicBatching().getPreferredBatchSizeList()).containsExactly(4, 8);
        assertThat(config.getInstanceGroup(0).getName()).isEqualTo("medgemma-4b-it_0");
        assertThat(config.getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_GPU);
        assertThat(config.getVersionPolicy().getLatest().getNumVersions()).isEqualTo(1);
    }

    @Test
    void draftIsMarkedSimulatedStructuredAndDeterministic() {
        // when: the same image twice, and another image
        ModelInferResponse first = stub().modelInfer(medgemma("a", image(7)).build());
        ModelInferResponse again = stub().modelInfer(medgemma("b", image(7)).build());
        ModelInferResponse other = stub().modelInfer(medgemma("c", image(8)).build());

        // then
        String draft = strings(first.getRawOutputContents(0), 1).get(0);
        assertThat(first.getParametersMap().get("simulated").getBoolParam()).isTrue();
        assertThat(first.getOutputs(0).getName()).isEqualTo("DRAFT");
        assertThat(first.getOutputs(0).getDatatype()).isEqualTo("BYTES");
        assertThat(first.getModelVersion()).isEqualTo("1");
        assertThat(draft).startsWith("[SIMULATED — not a model output]\n")
                .containsPattern("(?m)^FINDINGS: .+$")
                .containsPattern("(?m)^IMPRESSION: .+$")
                .containsPattern("(?m)^URGENCY: (URGENT|ROUTINE)$")
                .containsPattern("(?m)^CRITICAL_FINDINGS: .+$")
                .isEqualTo(SimulatedDraft.forImage(image(7)));
        assertThat(strings(again.getRawOutputContents(0), 1).get(0)).isEqualTo(draft);
        assertThat(strings(other.getRawOutputContents(0), 1).get(0)).isEqualTo(SimulatedDraft.forImage(image(8)));
    }

    @Test
    void statisticsHaveTritonsShape() {
        // given
        stub().modelInfer(TritonTestSupport.smallQueue("s1").build());
        stub().modelInfer(TritonTestSupport.smallQueue("s2").build());

        // when
        ModelStatistics statistics = stub().modelStatistics(
                ModelStatisticsRequest.newBuilder().setName(TritonTestSupport.SMALL_QUEUE).build()).getModelStats(0);

        // then
        assertThat(statistics.getName()).isEqualTo(TritonTestSupport.SMALL_QUEUE);
        assertThat(statistics.getVersion()).isEqualTo("1");
        assertThat(statistics.getInferenceCount()).isEqualTo(2);
        assertThat(statistics.getExecutionCount()).isEqualTo(2);
        assertThat(statistics.getLastInference()).isPositive();
        assertThat(statistics.getInferenceStats().getSuccess().getCount()).isEqualTo(2);
        assertThat(statistics.getInferenceStats().getQueue().getCount()).isEqualTo(2);
        assertThat(statistics.getInferenceStats().getComputeInfer().getCount()).isEqualTo(2);
        assertThat(statistics.getInferenceStats().getFail().getCount()).isZero();
        assertThat(statistics.getBatchStatsList()).singleElement().satisfies(batch -> {
            assertThat(batch.getBatchSize()).isEqualTo(1);
            assertThat(batch.getComputeInput().getCount()).isEqualTo(2);
        });
        assertThat(statistics).isEqualTo(triton.statistics(TritonTestSupport.SMALL_QUEUE));
    }

    @Test
    void statisticsOfEveryModelAndOfUnknownOnes() {
        assertThat(stub().modelStatistics(ModelStatisticsRequest.getDefaultInstance()).getModelStatsList())
                .extracting(ModelStatistics::getName)
                .containsExactlyInAnyOrder(MEDGEMMA, TritonTestSupport.SMALL_QUEUE, TritonTestSupport.NO_BATCH,
                        TritonTestSupport.DECOUPLED, TritonTestSupport.VLLM);
        assertThatThrownBy(() -> stub().modelStatistics(ModelStatisticsRequest.newBuilder().setName("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("requested model 'nope' is not available");
                });
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
