package org.imagingtriage.devstack.triton;

import org.imagingtriage.devstack.BuildLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.imagingtriage.devstack.triton.TritonTestSupport.testRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.protobuf.TextFormat;

import org.imagingtriage.inference.proto.DataType;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelInstanceGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading real config.pbtxt files: parsing by field name, Triton's defaults, Triton's load checks. */
class TritonModelConfigTest {

    @Test
    void everyTestConfigParsesAndLoads() throws IOException {
        // given
        List<Path> configs;
        try (Stream<Path> files = Files.walk(testRepository(), 2)) {
            configs = files.filter(path -> path.getFileName().toString().equals("config.pbtxt")).sorted().toList();
        }

        // when
        Map<String, SimulatedModel> models = ModelRepositoryLoader.load(testRepository(), List.of());

        // then
        assertThat(configs).hasSize(5);
        for (Path config : configs) {
            assertThat(ModelRepositoryLoader.parse(config)).isNotEqualTo(ModelConfig.getDefaultInstance());
        }
        assertThat(models).containsOnlyKeys("medgemma-4b-it", "small-queue", "tensor-nobatch", "decoupled-echo",
                "vllm-minimal");
    }

    @Test
    void medgemmaConfigMatchesTheContract() {
        // when
        SimulatedModel model = ModelRepositoryLoader.loadModel(testRepository().resolve("medgemma-4b-it"), "medgemma-4b-it");

        // then
        ModelConfig config = model.config();
        assertThat(config.getBackend()).isEqualTo("python");
        assertThat(config.getMaxBatchSize()).isEqualTo(8);
        assertThat(config.getInputList()).extracting(ModelInput::getName, ModelInput::getDataType,
                        ModelInput::getDimsList, ModelInput::getOptional)
                .containsExactly(
                        tuple("IMAGE", DataType.TYPE_UINT8, List.of(896L, 896L, 3L), false),
                        tuple("PROMPT", DataType.TYPE_STRING, List.of(1L), false),
                        tuple("MAX_NEW_TOKENS", DataType.TYPE_INT32, List.of(1L), true));
        assertThat(config.getOutput(0).getName()).isEqualTo("DRAFT");
        BatchingPolicy batching = model.batching();
        assertThat(batching.preferredBatchSizes()).containsExactly(4, 8);
        assertThat(batching.maxQueueDelayNanos()).isEqualTo(100_000_000L);
        assertThat(batching.priorityLevels()).isEqualTo(2);
        assertThat(batching.defaultPriorityLevel()).isEqualTo(2);
        assertThat(batching.defaultQueuePolicy()).isEqualTo(new QueuePolicy(false, 60_000_000, true, 64));
        assertThat(batching.instanceCount()).isEqualTo(1);
        assertThat(batching.enforceEqualInputs()).as("MAX_NEW_TOKENS is optional").isTrue();
        assertThat(model.versions()).containsExactly(1L);
    }

    @Test
    void smallQueueHasAPolicyPerLevel() {
        BatchingPolicy batching = ModelRepositoryLoader.loadModel(testRepository().resolve("small-queue"), "small-queue").batching();

        assertThat(batching.preferredBatchSizes()).as("Triton defaults preferred to max_batch_size").containsExactly(4);
        assertThat(batching.policyFor(1)).isEqualTo(new QueuePolicy(true, 60_000_000, true, 2));
        assertThat(batching.policyFor(2)).isEqualTo(new QueuePolicy(false, 60_000_000, true, 2));
        assertThat(batching.levelFor(0)).isEqualTo(2);
        assertThat(batching.levelFor(1)).isEqualTo(1);
        assertThat(batching.levelFor(3)).as("out of range means default").isEqualTo(2);
    }

    @Test
    void unbatchedModelGetsTheDefaultScheduler() {
        SimulatedModel model = ModelRepositoryLoader.loadModel(testRepository().resolve("tensor-nobatch"), "tensor-nobatch");

        assertThat(model.batches()).isFalse();
        assertThat(model.batching().dynamicBatching()).isFalse();
        assertThat(model.batching().instanceCount()).isEqualTo(2);
    }

    @Test
    void vllmConfigIsCompletedAsTheVllmBackendDoes() {
        SimulatedModel model = ModelRepositoryLoader.loadModel(testRepository().resolve("vllm-minimal"), "vllm-minimal");

        assertThat(model.name()).as("named after its directory").isEqualTo("vllm-minimal");
        assertThat(model.decoupled()).isTrue();
        assertThat(model.maxBatchSize()).isZero();
        assertThat(model.inputs()).containsKeys("text_input", "image", "stream", "sampling_parameters",
                "exclude_input_in_output", "return_finish_reason");
        assertThat(model.requiredInputCount()).isEqualTo(1);
        assertThat(model.outputs()).containsKeys("text_output", "finish_reason");
        assertThat(model.config().getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_MODEL);
    }

    @Test
    void preferredBatchSizeAboveMaxIsRefusedWithTritonsMessage(@TempDir Path repository) throws IOException {
        // given
        write(repository, "m", """
                backend: "python"
                max_batch_size: 4
                input [{ name: "X" data_type: TYPE_FP32 dims: [ 1 ] }]
                output [{ name: "Y" data_type: TYPE_FP32 dims: [ 1 ] }]
                dynamic_batching { preferred_batch_size: [ 8 ] }
                """);

        // when / then
        assertThatThrownBy(() -> ModelRepositoryLoader.load(repository, List.of()))
                .hasMessageContaining("Invalid argument: dynamic batching preferred size must be <= max batch size for m");
    }

    @Test
    void defaultPriorityLevelOutOfRangeIsRefused(@TempDir Path repository) throws IOException {
        write(repository, "m", """
                backend: "python"
                max_batch_size: 4
                input [{ name: "X" data_type: TYPE_FP32 dims: [ 1 ] }]
                output [{ name: "Y" data_type: TYPE_FP32 dims: [ 1 ] }]
                dynamic_batching { priority_levels: 2 default_priority_level: 3 }
                """);

        assertThatThrownBy(() -> ModelRepositoryLoader.load(repository, List.of()))
                .hasMessageContaining("default priority level must be in range [1, 2] for m");
    }

    @Test
    void zeroDimensionIsRefused(@TempDir Path repository) throws IOException {
        write(repository, "m", """
                backend: "python"
                max_batch_size: 0
                input [{ name: "X" data_type: TYPE_FP32 dims: [ 0 ] }]
                """);

        assertThatThrownBy(() -> ModelRepositoryLoader.load(repository, List.of()))
                .hasMessageContaining("model input 'X' dimension must be integer >= 1, or -1 to indicate a "
                        + "variable-size dimension for m");
    }

    @Test
    void misspeltFieldNameDoesNotParse(@TempDir Path repository) throws IOException {
        write(repository, "m", """
                backend: "python"
                max_batch: 4
                """);

        assertThatThrownBy(() -> ModelRepositoryLoader.load(repository, List.of()))
                .hasMessageContaining("cannot parse")
                .hasCauseInstanceOf(TextFormat.ParseException.class);
    }

    @Test
    void modelWithoutVersionDirectoryIsRefused(@TempDir Path repository) throws IOException {
        Path model = Files.createDirectories(repository.resolve("m"));
        Files.writeString(model.resolve("config.pbtxt"), "backend: \"python\"\n");

        assertThatThrownBy(() -> ModelRepositoryLoader.load(repository, List.of()))
                .hasMessageContaining("at least one version must be available under the version policy of model 'm'");
    }

    @Test
    void theProjectsModelRepositoryLoads() {
        // given: the repository an operator mounts into tritonserver
        Path repository = BuildLayout.fromBuild().tritonModelRepository();

        // when / then: the simulator loads every model in it, as Triton would
        assertThat(ModelRepositoryLoader.load(repository, List.of()))
                .containsKeys("medgemma-4b-it", "medgemma-4b-it-vllm");
    }

    private static void write(Path repository, String model, String config) throws IOException {
        Path directory = Files.createDirectories(repository.resolve(model).resolve("1"));
        Files.writeString(directory.getParent().resolve("config.pbtxt"), config);
    }
}
