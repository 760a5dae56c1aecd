package org.imagingtriage.topology.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a long-running command: the JVM's shutdown hook asks the command to stop, then
 * waits (a bounded time) for it to finish, so a feed still collects its acknowledgements and a
 * review leaves its consumer group cleanly, and both print their summary before the JVM exits.
 */
final class InterruptGuard implements AutoCloseable {

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private InterruptGuard(String name, Runnable stop, Duration grace) {
        this.hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-interrupt");
    }

    /** Installs the hook; close it when the command has finished. */
    static InterruptGuard install(String name, Runnable stop, Duration grace) {
        InterruptGuard guard = new InterruptGuard(name, stop, grace);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
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
