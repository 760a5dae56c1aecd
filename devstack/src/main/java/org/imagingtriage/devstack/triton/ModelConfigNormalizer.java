package org.imagingtriage.devstack.triton;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.imagingtriage.inference.proto.DataType;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelInstanceGroup;
import org.imagingtriage.inference.proto.ModelOutput;
import org.imagingtriage.inference.proto.ModelTransactionPolicy;
import org.imagingtriage.inference.proto.ModelVersionPolicy;

/**
 * Fills in what Triton fills in before it validates and serves a config, so that the simulator
 * enforces (and its ModelConfig RPC returns) the same effective configuration:
 * the name from the directory, version policy "latest 1", preferred batch size = max_batch_size
 * when none is given, instance group names, kinds and counts, and for {@code backend: "vllm"} the
 * inputs, outputs and decoupled policy the vLLM backend's auto_complete_config adds.
 *
 * <p>No GPU exists here, but configs name KIND_GPU: the simulator behaves as a host with GPUs,
 * so KIND_AUTO resolves to KIND_GPU instead of Triton's CPU fallback.
 */
final class ModelConfigNormalizer {

    private ModelConfigNormalizer() {
    }

    static ModelConfig normalize(String directoryName, ModelConfig parsed) {
        ModelConfig.Builder config = parsed.toBuilder();
        if (config.getName().isEmpty()) {
            config.setName(directoryName);
        }
        if ("vllm".equals(config.getBackend())) {
            completeVllm(config);
        }
        if (!config.hasVersionPolicy()) {
            config.setVersionPolicy(ModelVersionPolicy.newBuilder()
                    .setLatest(ModelVersionPolicy.Latest.newBuilder().setNumVersions(1)));
        }
        if (config.hasDynamicBatching() && config.getDynamicBatching().getPreferredBatchSizeCount() == 0
                && config.getMaxBatchSize() > 0) {
            config.getDynamicBatchingBuilder().addPreferredBatchSize(config.getMaxBatchSize());
        }
        normalizeInstanceGroups(config);
        return config.build();
    }

    private static void normalizeInstanceGroups(ModelConfig.Builder config) {
        if (config.getInstanceGroupCount() == 0) {
            config.addInstanceGroup(ModelInstanceGroup.newBuilder().setName(config.getName()));
        }
        for (int i = 0; i < config.getInstanceGroupCount(); i++) {
            ModelInstanceGroup.Builder group = config.getInstanceGroupBuilder(i);
            if (group.getName().isEmpty()) {
                group.setName(config.getName() + "_" + i);
            }
            if (group.getKind() == ModelInstanceGroup.Kind.KIND_AUTO) {
                group.setKind(ModelInstanceGroup.Kind.KIND_GPU);
            }
            if (group.getCount() < 1) {
                group.setCount(1);
            }
        }
    }

    // Names, types and dims as the vLLM backend declares them; only missing ones are added,
    // so a config that declares some of them (to document them) keeps its own version.
    private static void completeVllm(ModelConfig.Builder config) {
        Set<String> inputs = new HashSet<>();
        config.getInputList().forEach(input -> inputs.add(input.getName()));
        vllmInput(config, inputs, "text_input", DataType.TYPE_STRING, List.of(1L), false);
        vllmInput(config, inputs, "image", DataType.TYPE_STRING, List.of(-1L), true);
        vllmInput(config, inputs, "stream", DataType.TYPE_BOOL, List.of(1L), true);
        vllmInput(config, inputs, "sampling_parameters", DataType.TYPE_STRING, List.of(1L), true);
        vllmInput(config, inputs, "exclude_input_in_output", DataType.TYPE_BOOL, List.of(1L), true);
        for (String flag : List.of("return_finish_reason", "return_cumulative_logprob", "return_logprobs",
                "return_num_input_tokens", "return_num_output_tokens")) {
            vllmInput(config, inputs, flag, DataType.TYPE_BOOL, List.of(1L), true);
        }
        vllmInput(config, inputs, "embedding_request", DataType.TYPE_STRING, List.of(1L), true);

        Set<String> outputs = new HashSet<>();
        config.getOutputList().forEach(output -> outputs.add(output.getName()));
        vllmOutput(config, outputs, "text_output", DataType.TYPE_STRING, List.of(-1L));
        vllmOutput(config, outputs, "finish_reason", DataType.TYPE_STRING, List.of(-1L));
        vllmOutput(config, outputs, "cumulative_logprob", DataType.TYPE_FP32, List.of(-1L));
        vllmOutput(config, outputs, "logprobs", DataType.TYPE_STRING, List.of(-1L));
        vllmOutput(config, outputs, "num_input_tokens", DataType.TYPE_UINT32, List.of(1L));
        vllmOutput(config, outputs, "num_output_tokens", DataType.TYPE_UINT32, List.of(-1L));

        config.setModelTransactionPolicy(ModelTransactionPolicy.newBuilder().setDecoupled(true));
        config.setMaxBatchSize(0);
    }

    private static void vllmInput(ModelConfig.Builder config, Set<String> present, String name, DataType type,
                                  List<Long> dims, boolean optional) {
        if (present.add(name)) {
            config.addInput(ModelInput.newBuilder().setName(name).setDataType(type).addAllDims(dims).setOptional(optional));
        }
    }

    private static void vllmOutput(ModelConfig.Builder config, Set<String> present, String name, DataType type,
                                   List<Long> dims) {
        if (present.add(name)) {
            config.addOutput(ModelOutput.newBuilder().setName(name).setDataType(type).addAllDims(dims));
        }
    }
}
