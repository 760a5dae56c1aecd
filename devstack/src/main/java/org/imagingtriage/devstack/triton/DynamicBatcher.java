package org.imagingtriage.devstack.triton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;

/**
 * One model's scheduler: queues validated requests by priority level under their queue policy
 * and, whenever an instance is free, forms a batch ({@link BatchPlanner}) and hands it to the
 * {@link ModelExecutor}. A model without dynamic_batching gets Triton's default scheduler: the
 * same queue, one request per execution.
 *
 * <p>All decisions happen under this object's lock, on whichever thread arrives (a gRPC call, a
 * finished execution, a timer); responses and executions are started after the lock is released.
 * Queue timeouts are enforced by a timer at the closest deadline, so a request expires while its
 * instance is busy (Triton checks at least every 500 ms then; the message is the same).
 */
final class DynamicBatcher {

    static final String TIMEOUT_MESSAGE = "Request timeout expired";

    private final SimulatedModel model;
    private final BatchingPolicy policy;
    private final PriorityRequestQueue queue;
    private final ModelExecutor executor;
    private final ModelStatisticsRecorder statistics;
    private final ScheduledExecutorService scheduler;
    private int busyInstances;
    private long arrivals;
    private boolean closed;
    private ScheduledFuture<?> wakeup;
    private long wakeupAtNanos;
    private long wakeupGeneration;

    DynamicBatcher(SimulatedModel model, ModelExecutor executor, ModelStatisticsRecorder statistics,
                   ScheduledExecutorService scheduler) {
        this.model = model;
        this.policy = model.batching();
        this.queue = new PriorityRequestQueue(policy);
        this.executor = executor;
        this.statistics = statistics;
        this.scheduler = scheduler;
    }

    /** @throws TritonError UNAVAILABLE when the request's queue is full or the simulator is closing */
    void submit(ValidatedRequest request, ResponseSink sink) {
        synchronized (this) {
            long now = System.nanoTime();
            if (closed) {
                throw TritonError.unavailable(TritonError.requestPrefix(request.id()) + "Server is stopping, scheduler "
                        + "for model has stopped accepting new inference requests");
            }
            queue.enqueue(new PendingRequest(request, sink, now, arrivals++), now);
        }
        pump();
    }

    synchronized int queueDepth() {
        return queue.size();
    }

    synchronized Map<Long, Integer> queueDepthByLevel() {
        return queue.sizeByLevel();
    }

    private void pump() {
        List<PendingRequest> rejected = new ArrayList<>();
        List<PendingRequest> cancelled = new ArrayList<>();
        List<List<PendingRequest>> batches = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            queue.sweep(now, rejected, cancelled);
            while (busyInstances < policy.instanceCount() && !queue.isEmpty()) {
                BatchPlanner.Plan plan = BatchPlanner.plan(queue.peek(policy.executionCapacity() + 1), policy, now);
                if (!plan.runsNow()) {
                    wakeUpAt(now + plan.waitNanos());
                    break;
                }
                batches.add(queue.take(plan.requestCount()));
                busyInstances++;
            }
            // Expire queued requests on time even while every instance is busy.
            queue.closestDeadline().ifPresent(deadline -> wakeUpAt(deadline + 1_000));
        }
        long now = System.nanoTime();
        for (PendingRequest request : rejected) {
            statistics.recordFailure(now - request.arrivalNanos());
            request.sink().fail(TritonError.unavailable(TIMEOUT_MESSAGE));
        }
        for (PendingRequest request : cancelled) {
            statistics.recordFailure(now - request.arrivalNanos());
            request.sink().fail(new TritonError(Status.Code.CANCELLED, "request cancelled by the client"));
        }
        for (List<PendingRequest> batch : batches) {
            executor.execute(batch, this::instanceFree);
        }
    }

    private void instanceFree() {
        synchronized (this) {
            busyInstances--;
        }
        pump();
    }

    /** Keeps the earliest of the pending and the requested wake-up. Caller holds the lock. */
    private void wakeUpAt(long atNanos) {
        if (wakeup != null && !wakeup.isDone() && wakeupAtNanos - atNanos <= 0) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        long generation = ++wakeupGeneration;
        wakeupAtNanos = atNanos;
        try {
            wakeup = scheduler.schedule(() -> onWakeUp(generation),
                    Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            wakeup = null; // closing: nothing more will be scheduled anyway
        }
    }

    private void onWakeUp(long generation) {
        synchronized (this) {
            if (generation == wakeupGeneration) {
                wakeup = null;
            }
        }
        pump();
    }

    /** Refuses new requests and fails the queued ones; running executions finish on their own. */
    void close() {
        List<PendingRequest> drained;
        synchronized (this) {
            closed = true;
            if (wakeup != null) {
                wakeup.cancel(false);
            }
            drained = queue.drain();
        }
        for (PendingRequest request : drained) {
            request.sink().fail(TritonError.unavailable(TritonError.requestPrefix(request.id())
                    + "Server is stopping, scheduler for model has stopped accepting new inference requests"));
        }
    }

    SimulatedModel model() {
        return model;
    }
}
