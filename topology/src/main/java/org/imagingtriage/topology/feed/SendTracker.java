package org.imagingtriage.topology.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Collects the producer's acknowledgements, which arrive on its I/O thread, for the feed's own
 * thread to count and print: the I/O thread only enqueues, so nothing it runs can block sends.
 */
final class SendTracker {

    /** One send's outcome: metadata when acknowledged, else the failure. */
    record Outcome(PlannedImage planned, String eventId, RecordMetadata metadata, Exception failure) {

        boolean acknowledged() {
            return failure == null;
        }
    }

    private final Queue<Outcome> completed = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private long outstanding;

    /** Registers one send about to be made, and returns its callback. */
    Callback sending(PlannedImage planned, String eventId) {
        synchronized (lock) {
            outstanding++;
        }
        return (metadata, failure) -> {
            completed.add(new Outcome(planned, eventId, metadata, failure));
            synchronized (lock) {
                outstanding--;
                lock.notifyAll();
            }
        };
    }

    /** The send registered last threw instead of sending: no callback will come for it. */
    void notSent() {
        synchronized (lock) {
            outstanding--;
            lock.notifyAll();
        }
    }

    /** Outcomes that arrived since the last call, in arrival order. */
    List<Outcome> drain() {
        List<Outcome> outcomes = new ArrayList<>();
        Outcome next;
        while ((next = completed.poll()) != null) {
            outcomes.add(next);
        }
        return outcomes;
    }

    /** Waits at most {@code millis} for every registered send to complete; true when they all have. */
    boolean awaitAll(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }
}
