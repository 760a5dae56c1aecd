package org.imagingtriage.devstack.triton;

import java.util.List;

/**
 * One model execution as the simulator ran it: tests read these to see which requests shared a
 * batch and in which order batches ran, without relying on timing.
 *
 * @param sequence   execution number within the model, from 1, in start order
 * @param model      the model name
 * @param batchSize  batch units in the execution (what ModelStatistics' batch_stats counts)
 * @param requestIds the ids of the requests in it, in batch order
 */
public record ExecutedBatch(long sequence, String model, int batchSize, List<String> requestIds) {

    public ExecutedBatch {
        requestIds = List.copyOf(requestIds);
    }
}
