package org.imagingtriage.topology.review.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.imagingtriage.topology.review.worklist.WorklistChange;
import org.imagingtriage.topology.review.worklist.WorklistItem;

/**
 * The live worklist as server-sent events: each page gets a {@code snapshot} of every item, then an
 * {@code item} event whenever a draft arrives or a decision is recorded. Every event carries the
 * item's whole state, so a page never has to merge.
 *
 * <p>Each connection has a bounded queue; a page too slow to keep up is disconnected rather than
 * let the queue grow, and its EventSource reconnects to a fresh snapshot. Connections are capped.
 */
final class WorklistStreams implements AutoCloseable {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int QUEUE_EVENTS = 2_048;
    /** Tells a page's EventSource how soon to reconnect after the stream ends. */
    private static final String RETRY = "retry: 3000\n\n";
    private static final String END = "";

    private final Worklist worklist;
    private final ItemJson json;
    private final Semaphore permits;
    private final Set<BlockingQueue<String>> queues = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    WorklistStreams(Worklist worklist, ItemJson json, int maxStreams) {
        this.worklist = Objects.requireNonNull(worklist, "worklist");
        this.json = Objects.requireNonNull(json, "json");
        this.permits = new Semaphore(maxStreams);
        worklist.addListener(this::publish);
    }

    /** False when every connection is taken: the caller answers 503 and the page retries. */
    boolean tryOpen() {
        return !closed && permits.tryAcquire();
    }

    /** Gives back a slot {@link #tryOpen()} took when the stream never began. */
    void release() {
        permits.release();
    }

    /**
     * Streams to {@code out} until the page goes away, falls behind or the console closes; the
     * caller has sent the headers and closes {@code out}. Call only after {@link #tryOpen()} said yes.
     */
    void stream(OutputStream out) throws IOException {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
        try {
            List<WorklistItem> snapshot = worklist.snapshotAfter(() -> queues.add(queue));
            write(out, RETRY + event("snapshot", json.text(json.snapshot(snapshot))));
            while (!closed) {
                String next = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    write(out, ": keep-alive\n\n");
                } else if (next == END) {
                    return;
                } else {
                    write(out, next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queues.remove(queue);
            permits.release();
        }
    }

    int open() {
        return queues.size();
    }

    @Override
    public void close() {
        closed = true;
        for (BlockingQueue<String> queue : queues) {
            queue.clear();
            queue.offer(END);
        }
    }

    private void publish(WorklistChange change) {
        if (queues.isEmpty()) {
            return;
        }
        String event = event("item", json.text(json.item(change.after())));
        for (BlockingQueue<String> queue : queues) {
            if (!queue.offer(event)) {
                // Too slow: end this stream; the page reconnects to a snapshot.
                queues.remove(queue);
                queue.clear();
                queue.offer(END);
            }
        }
    }

    /** JSON has no raw newlines, so one data line holds the whole event. */
    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
