package org.imagingtriage.devstack.triton;

import java.util.List;

/**
 * Decides, when an instance is free, which queued requests form the next batch or how long to
 * wait for a better one. It follows Triton's dynamic batcher (core src/dynamic_batch_scheduler.cc,
 * GetDynamicBatch): walk the queue in service order adding whole requests; remember the last
 * point where the batch had a preferred size; stop before max_batch_size would be exceeded or at
 * a request that cannot join (different optional inputs or variable shapes). Send the largest
 * preferred batch at once; else send whatever is pending when it cannot grow or when its oldest
 * request has waited max_queue_delay; else wait for the rest of that delay.
 */
final class BatchPlanner {

    private BatchPlanner() {
    }

    /**
     * @param requestCount how many queued requests (in service order) to run now; 0 = wait
     * @param waitNanos    when {@code requestCount} is 0, how long to wait before planning again
     */
    record Plan(int requestCount, long waitNanos) {

        static Plan run(int requestCount) {
            return new Plan(requestCount, 0);
        }

        static Plan waitFor(long nanos) {
            return new Plan(0, Math.max(1, nanos));
        }

        boolean runsNow() {
            return requestCount > 0;
        }
    }

    /** @param queued the head of the queue in service order, never empty */
    static Plan plan(List<PendingRequest> queued, BatchingPolicy policy, long nowNanos) {
        if (!policy.dynamicBatching()) {
            return Plan.run(1);
        }
        int maxBatch = policy.executionCapacity();
        int maxPreferred = policy.maxPreferredBatchSize();
        int pendingUnits = 0;
        int taken = 0;
        int bestCount = 0;
        boolean sendNow = false;
        long oldestEnqueue = 0;
        String signature = null;
        for (PendingRequest request : queued) {
            int units = request.batchUnits();
            if (taken > 0) {
                if (pendingUnits + units > maxPreferred && bestCount == 0) {
                    bestCount = taken;
                }
                if (pendingUnits + units > maxBatch || !request.request().batchSignature().equals(signature)) {
                    sendNow = true;
                    break;
                }
            } else {
                signature = request.request().batchSignature();
                oldestEnqueue = request.enqueueNanos();
            }
            pendingUnits += units;
            taken++;
            if (request.enqueueNanos() - oldestEnqueue < 0) {
                oldestEnqueue = request.enqueueNanos();
            }
            if (policy.preferredBatchSizes().contains(pendingUnits)) {
                bestCount = taken;
            }
        }
        long delayNanos = policy.maxQueueDelayNanos();
        long waited = nowNanos - oldestEnqueue;
        boolean delayExceeded = delayNanos != 0 && waited >= delayNanos;
        if (bestCount != 0 && !delayExceeded) {
            return Plan.run(bestCount);
        }
        if (sendNow || pendingUnits >= maxPreferred || delayExceeded || delayNanos == 0) {
            return Plan.run(taken);
        }
        return Plan.waitFor(delayNanos - waited);
    }
}
