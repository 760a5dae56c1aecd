package org.imagingtriage.devstack.triton;

import org.imagingtriage.inference.proto.ModelQueuePolicy;

/**
 * One priority level's queue policy ({@code ModelQueuePolicy} in config.pbtxt).
 *
 * @param delayOnTimeout        true for {@code timeout_action: DELAY} (an expired request moves
 *                              behind the unexpired ones of its level), false for REJECT
 * @param defaultTimeoutMicros  0 = no timeout
 * @param allowTimeoutOverride  whether a request's "timeout" parameter may shorten the default
 * @param maxQueueSize          0 = unbounded
 */
record QueuePolicy(boolean delayOnTimeout, long defaultTimeoutMicros, boolean allowTimeoutOverride, long maxQueueSize) {

    /** Triton's policy for a queue nobody configured: no timeout, no bound. */
    static final QueuePolicy UNBOUNDED = new QueuePolicy(false, 0, false, 0);

    QueuePolicy {
        if (defaultTimeoutMicros < 0 || maxQueueSize < 0) {
            throw new IllegalArgumentException("queue policy values must not be negative");
        }
    }

    static QueuePolicy from(ModelQueuePolicy policy) {
        return new QueuePolicy(
                policy.getTimeoutAction() == ModelQueuePolicy.TimeoutAction.DELAY,
                // uint64 in the proto: values past Long.MAX_VALUE are "forever" in practice.
                policy.getDefaultTimeoutMicroseconds() < 0 ? Long.MAX_VALUE : policy.getDefaultTimeoutMicroseconds(),
                policy.getAllowTimeoutOverride(),
                Integer.toUnsignedLong(policy.getMaxQueueSize()));
    }

    /**
     * The queue timeout of one request, in microseconds, 0 for none. Triton lets a request's
     * timeout replace the default only when it is non-zero and SHORTER (compared unsigned, as
     * Triton stores it in a uint64). With a default of 0 (no timeout) an override therefore never
     * applies: the documented "may not increase the timeout" rule, taken literally by Triton's
     * scheduler (core src/scheduler_utils.cc, PolicyQueue::Enqueue).
     */
    long timeoutMicros(long requestedMicros) {
        if (allowTimeoutOverride && requestedMicros != 0
                && Long.compareUnsigned(requestedMicros, defaultTimeoutMicros) < 0) {
            return requestedMicros;
        }
        return defaultTimeoutMicros;
    }

    boolean isFull(int queuedInLevel) {
        return maxQueueSize != 0 && queuedInLevel >= maxQueueSize;
    }
}
