package org.imagingtriage.tritonmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.imagingtriage.inference.proto.DataType;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelInstanceGroup;
import org.imagingtriage.inference.proto.ModelOutput;
import org.imagingtriage.inference.proto.ModelQueuePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config.pbtxt in the repository an operator mounts parses with the project's own
 * model_config.proto the way Triton parses it (text format, by field name, unknown names
 * refused), and the MedGemma configs say what the pipeline relies on.
 */
class ModelRepositoryConfigTest {

    private static final Path REPOSITORY = Path.of("model-repository");

    static Stream<Path> modelDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(REPOSITORY)) {
            return entries.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    static ModelConfig parse(Path modelDirectory) throws IOException {
        ModelConfig.Builder config = ModelConfig.newBuilder();
        TextFormat.getParser().merge(Files.readString(modelDirectory.resolve("config.pbtxt")), config);
        return config.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelDirectories")
    void everyConfigParsesStrictlyAndNamesItsDirectory(Path modelDirectory) throws IOException {
        // when the config is parsed as Triton would
        ModelConfig config = parse(modelDirectory);

        // then it names its own directory and has a version directory beside it
        assertThat(config.getName()).isEqualTo(modelDirectory.getFileName().toString());
        assertThat(modelDirectory.resolve("1")).isDirectory();
    }

    @Test
    void aMisspelledFieldIsRefusedAsTritonWould() {
        ModelConfig.Builder config = ModelConfig.newBuilder();

        assertThatThrownBy(() ->
                        TextFormat.getParser().merge("name: \"m\"\nmax_batchsize: 8\n", config))
                .isInstanceOf(TextFormat.ParseException.class)
                .hasMessageContaining("max_batchsize");
    }

    @Test
    void medgemmaBatchesImagesAndPromptsIntoDrafts() throws IOException {
        // given the Python-backend MedGemma config
        ModelConfig config = parse(REPOSITORY.resolve("medgemma-4b-it"));

        // then it is the contract the pipeline's requests are built for
        assertThat(config.getBackend()).isEqualTo("python");
        assertThat(config.getMaxBatchSize()).isEqualTo(8);
        assertThat(config.getInputList()).extracting(ModelInput::getName, ModelInput::getDataType,
                        ModelInput::getDimsList, ModelInput::getOptional)
                .containsExactly(
                        tuple("IMAGE", DataType.TYPE_UINT8, List.of(896L, 896L, 3L), false),
                        tuple("PROMPT", DataType.TYPE_STRING, List.of(1L), false),
                        tuple("MAX_NEW_TOKENS", DataType.TYPE_INT32, List.of(1L), true));
        assertThat(config.getOutputList()).extracting(ModelOutput::getName, ModelOutput::getDataType,
                        ModelOutput::getDimsList)
                .containsExactly(tuple("DRAFT", DataType.TYPE_STRING, List.of(1L)));

        // and it batches dynamically with two priority levels and a bounded queue on a GPU
        assertThat(config.hasDynamicBatching()).isTrue();
        assertThat(config.getDynamicBatching().getPreferredBatchSizeList()).isNotEmpty()
                .allSatisfy(size -> assertThat(size).isBetween(1, config.getMaxBatchSize()));
        assertThat(config.getDynamicBatching().getMaxQueueDelayMicroseconds()).isPositive();
        assertThat(config.getDynamicBatching().getPriorityLevels()).isEqualTo(2);
        assertThat(config.getDynamicBatching().getDefaultPriorityLevel()).isEqualTo(2);
        ModelQueuePolicy queue = config.getDynamicBatching().getDefaultQueuePolicy();
        assertThat(queue.getMaxQueueSize()).isPositive();
        assertThat(queue.getTimeoutAction()).isEqualTo(ModelQueuePolicy.TimeoutAction.REJECT);
        assertThat(queue.getAllowTimeoutOverride()).isTrue();
        // Triton honours a request's timeout only below a non-zero default
        assertThat(queue.getDefaultTimeoutMicroseconds()).isPositive();
        assertThat(config.getInstanceGroupList()).extracting(ModelInstanceGroup::getKind)
                .containsOnly(ModelInstanceGroup.Kind.KIND_GPU);
        assertThat(REPOSITORY.resolve("medgemma-4b-it/1/model.py")).isRegularFile();
    }

    @Test
    void theVllmAlternativeIsDecoupled() throws IOException {
        ModelConfig config = parse(REPOSITORY.resolve("medgemma-4b-it-vllm"));

        assertThat(config.getBackend()).isEqualTo("vllm");
        assertThat(config.getModelTransactionPolicy().getDecoupled()).isTrue();
        assertThat(REPOSITORY.resolve("medgemma-4b-it-vllm/1/model.json")).isRegularFile();
    }
}
