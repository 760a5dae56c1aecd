package org.imagingtriage.devstack.triton;

/**
 * A validated request from its arrival until its last response: the times the statistics need
 * and its place in the scheduler's queue.
 */
final class PendingRequest {

    private final ValidatedRequest request;
    private final ResponseSink sink;
    private final long arrivalNanos;
    private final long sequence;
    private long enqueueNanos;
    private long deadlineNanos;

    /**
     * @param sequence arrival order, the tie-breaker among equally old requests
     */
    PendingRequest(ValidatedRequest request, ResponseSink sink, long arrivalNanos, long sequence) {
        this.request = request;
        this.sink = sink;
        this.arrivalNanos = arrivalNanos;
        this.sequence = sequence;
    }

    ValidatedRequest request() {
        return request;
    }

    ResponseSink sink() {
        return sink;
    }

    long arrivalNanos() {
        return arrivalNanos;
    }

    long sequence() {
        return sequence;
    }

    String id() {
        return request.id();
    }

    int batchUnits() {
        return request.batchUnits();
    }

    /** Set by the queue, under the scheduler's lock. */
    void enqueued(long nowNanos, long timeoutMicros) {
        this.enqueueNanos = nowNanos;
        this.deadlineNanos = timeoutMicros == 0 ? 0 : nowNanos + Math.min(timeoutMicros, Long.MAX_VALUE / 4000) * 1000;
    }

    long enqueueNanos() {
        return enqueueNanos;
    }

    /** 0 = no queue timeout. */
    long deadlineNanos() {
        return deadlineNanos;
    }

    void clearDeadline() {
        this.deadlineNanos = 0;
    }

    boolean expiredAt(long nowNanos) {
        return deadlineNanos != 0 && nowNanos - deadlineNanos > 0;
    }
}
