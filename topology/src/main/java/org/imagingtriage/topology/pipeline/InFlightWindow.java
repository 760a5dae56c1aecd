package org.imagingtriage.topology.pipeline;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-flight slots of one pipeline instance, shared by every task of both lanes: a slot is
 * held from the moment a request is sent until it has a final answer (a draft or a permanent
 * failure), through any retries in between, because until then the request holds its image.
 *
 * <p>The last {@code reserved} slots are for the priority lane only, so a routine backlog can
 * fill the window but never take the capacity a STAT event needs.
 */
final class InFlightWindow {

    private final int capacity;
    private final int reserved;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int inUse;
    /** Counts releases and signals, so a waiter cannot miss one that came before it waited. */
    private long changes;

    InFlightWindow(int capacity, int reserved) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        if (reserved < 0 || reserved >= capacity) {
            throw new IllegalArgumentException("reserved must be in [0, " + capacity + "), got " + reserved);
        }
        this.capacity = capacity;
        this.reserved = reserved;
    }

    /** Takes a slot if the lane may have one now; never waits. */
    boolean tryAcquire(Lane lane) {
        int limit = lane.mayUseReservedCapacity() ? capacity : capacity - reserved;
        lock.lock();
        try {
            if (inUse >= limit) {
                return false;
            }
            inUse++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Returns a slot and wakes every waiter: the slot may suit any lane. */
    void release() {
        lock.lock();
        try {
            if (inUse == 0) {
                throw new IllegalStateException("released more slots than were taken");
            }
            inUse--;
            changes++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiters without a slot changing hands, e.g. when an answer is ready to forward. */
    void signal() {
        lock.lock();
        try {
            changes++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A token for {@link #awaitChange}: take it before checking whatever the wait is for. */
    long changes() {
        lock.lock();
        try {
            return changes;
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code nanos} for a release or a {@link #signal()} after {@code seen} was read. */
    void awaitChange(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (changes == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }
}
