package org.imagingtriage.topology.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) for a long-running command: the JVM's shutdown hook asks the command to
 * stop, then waits, a bounded time, until the command has finished: a feed still collects its
 * acknowledgements, a review leaves its consumer group cleanly, and both print their closing
 * lines before the JVM exits. Install it first and close it last, after the final output.
 */
final class InterruptGuard implements AutoCloseable {

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object lock = new Object();
    private Runnable stop = () -> { };
    private boolean interrupted;

    private InterruptGuard(String name, Duration grace) {
        this.hook = new Thread(() -> {
            synchronized (lock) {
                interrupted = true;
                stop.run();
            }
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-interrupt");
    }

    /** Installs the hook; {@link #close()} it when the command has printed its last line. */
    static InterruptGuard install(String name, Duration grace) {
        InterruptGuard guard = new InterruptGuard(name, grace);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** What stops the command; run at once when the interrupt came before it was known. */
    void onInterrupt(Runnable stopAction) {
        synchronized (lock) {
            stop = stopAction;
            if (interrupted) {
                stopAction.run();
            }
        }
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the hook is running and has just been released.
        }
    }
}
