package org.imagingtriage.devstack.triton;

import java.util.Map;
import java.util.TreeMap;

import org.imagingtriage.inference.proto.InferBatchStatistics;
import org.imagingtriage.inference.proto.InferResponseStatistics;
import org.imagingtriage.inference.proto.InferStatistics;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.imagingtriage.inference.proto.StatisticDuration;

/**
 * Accumulates one model version's statistics the way Triton's InferenceStatsAggregator does
 * (core src/infer_stats.cc) and reports them in the shape of its ModelStatistics RPC
 * (core src/tritonserver.cc): success and fail per request with their total request time;
 * queue and compute durations summed per successful request, counted with the success count;
 * batch_stats and execution_count per model execution; inference_count in batch units.
 * Rejections before a request is queued (bad input, full queue) are not counted, as in Triton.
 */
final class ModelStatisticsRecorder {

    private long successCount;
    private long requestNanos;
    private long failureCount;
    private long failureNanos;
    private long queueNanos;
    private long computeInputNanos;
    private long computeInferNanos;
    private long computeOutputNanos;
    private long inferenceCount;
    private long executionCount;
    private long lastInferenceMillis;
    private final Map<Integer, long[]> batches = new TreeMap<>();
    private final Map<Integer, long[]> responses = new TreeMap<>();

    /** One execution's timing, shared by every request in it. */
    record ComputeTimes(long inputNanos, long inferNanos, long outputNanos) {
    }

    synchronized void recordSuccess(int batchUnits, long requestNanos, long queueNanos, ComputeTimes compute) {
        successCount++;
        inferenceCount += batchUnits;
        this.requestNanos += requestNanos;
        this.queueNanos += queueNanos;
        computeInputNanos += compute.inputNanos();
        computeInferNanos += compute.inferNanos();
        computeOutputNanos += compute.outputNanos();
    }

    synchronized void recordFailure(long requestNanos) {
        failureCount++;
        failureNanos += requestNanos;
    }

    synchronized void recordExecution(int batchUnits, ComputeTimes compute, long endEpochMillis) {
        executionCount++;
        lastInferenceMillis = Math.max(lastInferenceMillis, endEpochMillis);
        long[] batch = batches.computeIfAbsent(batchUnits, size -> new long[4]);
        batch[0]++;
        batch[1] += compute.inputNanos();
        batch[2] += compute.inferNanos();
        batch[3] += compute.outputNanos();
    }

    /** A decoupled model's response number {@code index} of a request: Triton's response_stats. */
    synchronized void recordResponse(int index, long inferNanos, long outputNanos) {
        long[] response = responses.computeIfAbsent(index, key -> new long[3]);
        response[0]++;
        response[1] += inferNanos;
        response[2] += outputNanos;
    }

    synchronized ModelStatistics snapshot(String modelName, long version) {
        ModelStatistics.Builder statistics = ModelStatistics.newBuilder()
                .setName(modelName)
                .setVersion(Long.toString(version))
                .setLastInference(lastInferenceMillis)
                .setInferenceCount(inferenceCount)
                .setExecutionCount(executionCount)
                .setInferenceStats(InferStatistics.newBuilder()
                        .setSuccess(duration(successCount, requestNanos))
                        .setFail(duration(failureCount, failureNanos))
                        .setQueue(duration(successCount, queueNanos))
                        .setComputeInput(duration(successCount, computeInputNanos))
                        .setComputeInfer(duration(successCount, computeInferNanos))
                        .setComputeOutput(duration(successCount, computeOutputNanos))
                        .setCacheHit(duration(0, 0))
                        .setCacheMiss(duration(0, 0)));
        batches.forEach((size, batch) -> statistics.addBatchStats(InferBatchStatistics.newBuilder()
                .setBatchSize(size)
                .setComputeInput(duration(batch[0], batch[1]))
                .setComputeInfer(duration(batch[0], batch[2]))
                .setComputeOutput(duration(batch[0], batch[3]))));
        responses.forEach((index, response) -> statistics.putResponseStats(Integer.toString(index),
                InferResponseStatistics.newBuilder()
                        .setComputeInfer(duration(response[0], response[1]))
                        .setComputeOutput(duration(response[0], response[2]))
                        .setSuccess(duration(response[0], response[1] + response[2]))
                        .setFail(duration(0, 0))
                        .setEmptyResponse(duration(0, 0))
                        .setCancel(duration(0, 0))
                        .build()));
        return statistics.build();
    }

    private static StatisticDuration duration(long count, long nanos) {
        return StatisticDuration.newBuilder().setCount(count).setNs(nanos).build();
    }
}
