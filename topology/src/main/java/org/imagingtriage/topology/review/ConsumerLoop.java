package org.imagingtriage.topology.review;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that polls one consumer, and its orderly stop. A consumer may be used by one
 * thread at a time ({@code wakeup} aside), so {@link #close()} wakes the loop, waits for it to end,
 * and only then closes the consumer; a loop that does not end in time keeps its consumer until
 * the JVM exits rather than have it closed under a running poll.
 */
public final class ConsumerLoop implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    private final Consumer<?, ?> consumer;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param body the loop: it runs until {@link #stopping()} and handles the consumer's
     *     {@code WakeupException}s itself
     */
    public ConsumerLoop(String name, Consumer<?, ?> consumer, Runnable body) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(body, "body");
        this.thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                ended.countDown();
            }
        }, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once {@link #close()} was called: the loop should return. */
    public boolean stopping() {
        return stopping;
    }

    /** False once the loop has returned or is asked to. */
    public boolean running() {
        return thread.isAlive() && !stopping;
    }

    /**
     * Sleeps up to {@code pause} on the loop's thread, ending early on {@link #close()}.
     *
     * @return false when the loop should stop
     */
    public boolean pause(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        if (thread.isAlive()) {
            try {
                if (!ended.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} did not stop within {}; its consumer is left to the JVM's exit", thread.getName(),
                            CLOSE_WAIT);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        consumer.close();
    }
}
