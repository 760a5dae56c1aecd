package org.imagingtriage.devstack.triton;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelDynamicBatching;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelInstanceGroup;

/**
 * How a model's scheduler forms and runs batches, read from a normalized config.
 *
 * @param dynamicBatching     false: Triton's default scheduler, one request per execution
 * @param maxBatchSize        config max_batch_size; 0 = the model does not batch
 * @param preferredBatchSizes never empty when dynamic batching (normalization adds max_batch_size)
 * @param maxQueueDelayNanos  0 = never wait for a fuller batch
 * @param priorityLevels      0 = one queue
 * @param defaultPriorityLevel level of requests without (or with an out-of-range) priority
 * @param defaultQueuePolicy  policy of every level not in {@code levelPolicies}
 * @param levelPolicies       priority_queue_policy
 * @param instanceCount       executions that may run at once
 * @param enforceEqualInputs  requests batch together only with the same inputs and the same
 *                            shapes of variable-size inputs (optional inputs or non-ragged
 *                            variable dims, as Triton's batcher requires)
 */
record BatchingPolicy(
        boolean dynamicBatching,
        int maxBatchSize,
        SortedSet<Integer> preferredBatchSizes,
        long maxQueueDelayNanos,
        long priorityLevels,
        long defaultPriorityLevel,
        QueuePolicy defaultQueuePolicy,
        Map<Long, QueuePolicy> levelPolicies,
        int instanceCount,
        boolean enforceEqualInputs) {

    BatchingPolicy {
        preferredBatchSizes = Collections.unmodifiableSortedSet(new TreeSet<>(preferredBatchSizes));
        levelPolicies = Map.copyOf(levelPolicies);
        if (instanceCount < 1) {
            throw new IllegalArgumentException("instanceCount must be at least 1 but was " + instanceCount);
        }
    }

    static BatchingPolicy from(ModelConfig config) {
        int instances = instanceCount(config);
        boolean enforceEqualInputs = enforceEqualInputs(config);
        if (!config.hasDynamicBatching()) {
            return new BatchingPolicy(false, config.getMaxBatchSize(), new TreeSet<>(), 0, 0, 0,
                    QueuePolicy.UNBOUNDED, Map.of(), instances, enforceEqualInputs);
        }
        ModelDynamicBatching batching = config.getDynamicBatching();
        Map<Long, QueuePolicy> levels = new HashMap<>();
        batching.getPriorityQueuePolicyMap().forEach((level, policy) -> levels.put(level, QueuePolicy.from(policy)));
        return new BatchingPolicy(
                true,
                config.getMaxBatchSize(),
                new TreeSet<>(batching.getPreferredBatchSizeList()),
                Math.multiplyExact(batching.getMaxQueueDelayMicroseconds(), 1000L),
                batching.getPriorityLevels(),
                batching.getDefaultPriorityLevel(),
                batching.hasDefaultQueuePolicy() ? QueuePolicy.from(batching.getDefaultQueuePolicy()) : QueuePolicy.UNBOUNDED,
                levels,
                instances,
                enforceEqualInputs);
    }

    /** Triton's InferenceRequest::SetPriority: 0 or out of range means the default level. */
    long levelFor(long requestedPriority) {
        if (requestedPriority == 0 || Long.compareUnsigned(requestedPriority, priorityLevels) > 0) {
            return defaultPriorityLevel;
        }
        return requestedPriority;
    }

    QueuePolicy policyFor(long level) {
        return levelPolicies.getOrDefault(level, defaultQueuePolicy);
    }

    int maxPreferredBatchSize() {
        return preferredBatchSizes.isEmpty() ? 0 : preferredBatchSizes.last();
    }

    /** Batch units one execution may hold: max_batch_size, at least 1 for non-batching models. */
    int executionCapacity() {
        return Math.max(1, maxBatchSize);
    }

    // Every instance counts the same here: no GPU exists, so KIND_GPU, KIND_CPU and KIND_MODEL
    // groups differ only in how many executions they allow at once. A KIND_GPU group listing
    // several GPUs has `count` instances on each, as in Triton.
    private static int instanceCount(ModelConfig config) {
        int total = 0;
        for (ModelInstanceGroup group : config.getInstanceGroupList()) {
            int perDevice = Math.max(1, group.getCount());
            int devices = group.getKind() == ModelInstanceGroup.Kind.KIND_GPU ? Math.max(1, group.getGpusCount()) : 1;
            total = Math.addExact(total, Math.multiplyExact(perDevice, devices));
        }
        return Math.max(1, total);
    }

    private static boolean enforceEqualInputs(ModelConfig config) {
        for (ModelInput input : config.getInputList()) {
            if (input.getOptional() || input.getIsShapeTensor()
                    || (!input.getAllowRaggedBatch() && input.getDimsList().contains(-1L))) {
                return true;
            }
        }
        return false;
    }
}
