package org.imagingtriage.devstack.triton;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent executions of one model, oldest first; bounded so a long run cannot fill memory. */
final class ExecutionHistory {

    static final int CAPACITY = 10_000;

    private final String model;
    private final ArrayDeque<ExecutedBatch> batches = new ArrayDeque<>();
    private long nextSequence = 1;

    ExecutionHistory(String model) {
        this.model = model;
    }

    synchronized void record(int batchSize, List<String> requestIds) {
        if (batches.size() == CAPACITY) {
            batches.pollFirst();
        }
        batches.addLast(new ExecutedBatch(nextSequence++, model, batchSize, requestIds));
    }

    synchronized List<ExecutedBatch> snapshot() {
        return List.copyOf(batches);
    }
}
