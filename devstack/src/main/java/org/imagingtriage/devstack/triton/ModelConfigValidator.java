package org.imagingtriage.devstack.triton;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.imagingtriage.inference.proto.DataType;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelDynamicBatching;
import org.imagingtriage.inference.proto.ModelQueuePolicy;

/**
 * The load-time checks Triton applies to a normalized config, with Triton's messages (core
 * src/model_config_utils.cc: ValidateModelConfig, ValidateIOShape), plus refusals for what the
 * simulator does not model (ensembles, sequence batching). A config Triton would refuse must not
 * load here either, or tests would pass against a model the real server never serves.
 */
final class ModelConfigValidator {

    private ModelConfigValidator() {
    }

    /** @return the problem, or null if the config is acceptable */
    static String problem(ModelConfig config) {
        String name = config.getName();
        if (config.getBackend().isEmpty() && config.getPlatform().isEmpty()) {
            return "must specify 'platform' or 'backend' for '" + name + "'";
        }
        if (config.getBackend().isEmpty()) {
            return "unexpected platform type '" + config.getPlatform() + "' for " + name;
        }
        if (config.hasEnsembleScheduling() || config.hasSequenceBatching()) {
            return "the simulator models dynamic batching and the default scheduler only, not ensembles or"
                    + " sequence batching, for " + name;
        }
        if (config.getMaxBatchSize() < 0) {
            return "'max_batch_size' must be non-negative value for " + name;
        }
        String io = ioProblem(config);
        if (io != null) {
            return io;
        }
        return config.hasDynamicBatching() ? dynamicBatchingProblem(config) : null;
    }

    private static String ioProblem(ModelConfig config) {
        Set<String> inputNames = new HashSet<>();
        for (var input : config.getInputList()) {
            String problem = shapeProblem("model input ", input.getName(), input.getDataType(), input.getDimsList());
            if (problem == null && !inputNames.add(input.getName())) {
                problem = "model input '" + input.getName() + "' is declared more than once";
            }
            if (problem != null) {
                return problem + " for " + config.getName();
            }
        }
        Set<String> outputNames = new HashSet<>();
        for (var output : config.getOutputList()) {
            String problem = shapeProblem("model output ", output.getName(), output.getDataType(), output.getDimsList());
            if (problem == null && !outputNames.add(output.getName())) {
                problem = "model output '" + output.getName() + "' is declared more than once";
            }
            if (problem != null) {
                return problem + " for " + config.getName();
            }
        }
        return null;
    }

    private static String shapeProblem(String prefix, String name, DataType type, List<Long> dims) {
        if (name.isEmpty()) {
            return prefix + "must specify 'name'";
        }
        String withName = prefix + "'" + name + "' ";
        if (type == DataType.TYPE_INVALID || WireDataType.fromConfig(type).isEmpty()) {
            return withName + "must specify 'data_type'";
        }
        if (dims.isEmpty()) {
            return withName + "must specify 'dims'";
        }
        for (long dim : dims) {
            if (dim < 1 && dim != -1) {
                return withName + "dimension must be integer >= 1, or -1 to indicate a variable-size dimension";
            }
        }
        return null;
    }

    private static String dynamicBatchingProblem(ModelConfig config) {
        String name = config.getName();
        ModelDynamicBatching batching = config.getDynamicBatching();
        for (int size : batching.getPreferredBatchSizeList()) {
            if (size <= 0) {
                return "dynamic batching preferred size must be positive for " + name;
            }
            if (size > config.getMaxBatchSize()) {
                return "dynamic batching preferred size must be <= max batch size for " + name;
            }
        }
        long levels = batching.getPriorityLevels();
        if (levels != 0) {
            long defaultLevel = batching.getDefaultPriorityLevel();
            if (defaultLevel == 0 || Long.compareUnsigned(defaultLevel, levels) > 0) {
                return "default priority level must be in range [1, " + levels + "] for " + name;
            }
            for (long level : batching.getPriorityQueuePolicyMap().keySet()) {
                if (level == 0 || Long.compareUnsigned(level, levels) > 0) {
                    return "priority queue policy must have priority level in range [1, " + levels + "] for " + name;
                }
            }
        }
        if (batching.getPreserveOrdering()) {
            if (Long.compareUnsigned(levels, 1) > 0) {
                return "Only one priority level is allowed when 'preserve_ordering' is true for " + name;
            }
            boolean delays = delaysOnTimeout(batching.getDefaultQueuePolicy())
                    || batching.getPriorityQueuePolicyMap().values().stream().anyMatch(ModelConfigValidator::delaysOnTimeout);
            if (delays) {
                return "Queue policy can not have DELAY as timeout action when 'preserve_ordering' is true for " + name;
            }
        }
        return null;
    }

    private static boolean delaysOnTimeout(ModelQueuePolicy policy) {
        return policy.getDefaultTimeoutMicroseconds() != 0
                && policy.getTimeoutAction() == ModelQueuePolicy.TimeoutAction.DELAY;
    }
}
