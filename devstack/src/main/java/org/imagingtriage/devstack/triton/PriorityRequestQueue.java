package org.imagingtriage.devstack.triton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The dynamic batcher's queue: one FIFO per priority level, level 1 served first, each with its
 * own queue policy (core src/scheduler_utils.cc, PriorityQueue). A level's size limit counts its
 * waiting and its delayed requests. Not thread-safe: the batcher holds its lock around every call.
 */
final class PriorityRequestQueue {

    private final BatchingPolicy policy;
    private final TreeMap<Long, Level> levels = new TreeMap<>();
    private int size;

    PriorityRequestQueue(BatchingPolicy policy) {
        this.policy = policy;
    }

    private static final class Level {
        final QueuePolicy policy;
        /** Unexpired requests in arrival order. */
        final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
        /** Expired requests of a DELAY policy: served after every waiting one of this level. */
        final ArrayDeque<PendingRequest> delayed = new ArrayDeque<>();

        Level(QueuePolicy policy) {
            this.policy = policy;
        }

        int size() {
            return waiting.size() + delayed.size();
        }
    }

    /** @throws TritonError UNAVAILABLE "Exceeds maximum queue size" when the level is full */
    void enqueue(PendingRequest request, long nowNanos) {
        long levelNumber = policy.levelFor(request.request().parameters().priority());
        Level level = levels.computeIfAbsent(levelNumber, number -> new Level(policy.policyFor(number)));
        if (level.policy.isFull(level.size())) {
            throw TritonError.unavailable(TritonError.requestPrefix(request.id()) + "Exceeds maximum queue size");
        }
        request.enqueued(nowNanos, level.policy.timeoutMicros(request.request().parameters().timeoutMicros()));
        level.waiting.addLast(request);
        size++;
    }

    /**
     * Takes out requests whose client is gone, rejects expired ones of REJECT levels and moves
     * expired ones of DELAY levels behind the others.
     */
    void sweep(long nowNanos, List<PendingRequest> rejected, List<PendingRequest> cancelled) {
        for (Level level : levels.values()) {
            Iterator<PendingRequest> waiting = level.waiting.iterator();
            while (waiting.hasNext()) {
                PendingRequest request = waiting.next();
                if (request.sink().isCancelled()) {
                    waiting.remove();
                    size--;
                    cancelled.add(request);
                } else if (request.expiredAt(nowNanos)) {
                    waiting.remove();
                    if (level.policy.delayOnTimeout()) {
                        request.clearDeadline();
                        level.delayed.addLast(request);
                    } else {
                        size--;
                        rejected.add(request);
                    }
                }
            }
            level.delayed.removeIf(request -> {
                boolean gone = request.sink().isCancelled();
                if (gone) {
                    size--;
                    cancelled.add(request);
                }
                return gone;
            });
        }
    }

    /** Up to {@code limit} requests in service order, without taking them out. */
    List<PendingRequest> peek(int limit) {
        List<PendingRequest> ordered = new ArrayList<>(Math.min(limit, size));
        for (Level level : levels.values()) {
            for (PendingRequest request : level.waiting) {
                if (ordered.size() == limit) {
                    return ordered;
                }
                ordered.add(request);
            }
            for (PendingRequest request : level.delayed) {
                if (ordered.size() == limit) {
                    return ordered;
                }
                ordered.add(request);
            }
        }
        return ordered;
    }

    /** Takes the first {@code count} requests in service order. */
    List<PendingRequest> take(int count) {
        List<PendingRequest> taken = new ArrayList<>(count);
        for (Level level : levels.values()) {
            while (taken.size() < count && !level.waiting.isEmpty()) {
                taken.add(level.waiting.pollFirst());
            }
            while (taken.size() < count && !level.delayed.isEmpty()) {
                taken.add(level.delayed.pollFirst());
            }
        }
        size -= taken.size();
        return taken;
    }

    OptionalLong closestDeadline() {
        long closest = 0;
        boolean found = false;
        for (Level level : levels.values()) {
            for (PendingRequest request : level.waiting) {
                long deadline = request.deadlineNanos();
                if (deadline != 0 && (!found || deadline - closest < 0)) {
                    closest = deadline;
                    found = true;
                }
            }
        }
        return found ? OptionalLong.of(closest) : OptionalLong.empty();
    }

    List<PendingRequest> drain() {
        List<PendingRequest> all = take(size);
        levels.clear();
        return all;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Requests waiting per level, for diagnostics. */
    Map<Long, Integer> sizeByLevel() {
        Map<Long, Integer> sizes = new TreeMap<>();
        levels.forEach((number, level) -> sizes.put(number, level.size()));
        return sizes;
    }
}
