package org.imagingtriage.devstack.triton;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelOutput;

/**
 * One loaded model: its normalized config, the versions Triton would serve under its version
 * policy, and the lookups request validation needs.
 */
final class SimulatedModel {

    private final ModelConfig config;
    private final List<Long> versions;
    private final Map<String, ModelInput> inputs;
    private final Map<String, ModelOutput> outputs;
    private final int requiredInputCount;
    private final BatchingPolicy batching;

    SimulatedModel(ModelConfig config, List<Long> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one version: " + config.getName());
        }
        this.config = config;
        this.versions = List.copyOf(versions);
        Map<String, ModelInput> inputsByName = new LinkedHashMap<>();
        int required = 0;
        for (ModelInput input : config.getInputList()) {
            inputsByName.put(input.getName(), input);
            required += input.getOptional() ? 0 : 1;
        }
        Map<String, ModelOutput> outputsByName = new LinkedHashMap<>();
        config.getOutputList().forEach(output -> outputsByName.put(output.getName(), output));
        this.inputs = Collections.unmodifiableMap(inputsByName);
        this.outputs = Collections.unmodifiableMap(outputsByName);
        this.requiredInputCount = required;
        this.batching = BatchingPolicy.from(config);
    }

    String name() {
        return config.getName();
    }

    ModelConfig config() {
        return config;
    }

    /** Ascending. */
    List<Long> versions() {
        return versions;
    }

    long latestVersion() {
        return versions.get(versions.size() - 1);
    }

    /** In config order. */
    Map<String, ModelInput> inputs() {
        return inputs;
    }

    Optional<ModelInput> input(String name) {
        return Optional.ofNullable(inputs.get(name));
    }

    /** In config order. */
    Map<String, ModelOutput> outputs() {
        return outputs;
    }

    int requiredInputCount() {
        return requiredInputCount;
    }

    BatchingPolicy batching() {
        return batching;
    }

    int maxBatchSize() {
        return config.getMaxBatchSize();
    }

    boolean batches() {
        return config.getMaxBatchSize() > 0;
    }

    boolean decoupled() {
        return config.getModelTransactionPolicy().getDecoupled();
    }

    /** What ModelMetadata reports as platform: the platform, or else the backend. */
    String platform() {
        return config.getPlatform().isEmpty() ? config.getBackend() : config.getPlatform();
    }
}
