package org.imagingtriage.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Main class of the child JVMs devstack starts (the broker process, the registry): runs the real
 * main class named by the first argument and ends the child when the JVM that started it is gone.
 * A shutdown hook cannot do that when the parent is killed with SIGKILL (a Maven fork timeout, an
 * IDE's stop button); the parent's end of the child's stdin pipe closes in every case, so
 * end-of-input is the signal.
 *
 * <p>Runs inside the child on whatever classpath it has, so it uses nothing but the JDK; the
 * child gets it from {@link LauncherClasspath}, alone, so that it must stay one class with no
 * nested classes.
 */
public final class ParentWatchingMain {

    /** How long the child's own shutdown hooks may take before it is halted. */
    private static final long SHUTDOWN_GRACE_MILLIS = 15_000;
    private static final System.Logger LOG = System.getLogger(ParentWatchingMain.class.getName());

    private ParentWatchingMain() {
    }

    /** {@code args[0]}: the main class to run; the rest: its arguments. */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatchingMain <main class> [arguments...]");
        }
        Thread watcher = new Thread(() -> exitWhenInputEnds(System.in), "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenInputEnds(InputStream parentPipe) {
        try {
            while (parentPipe.read() != -1) {
                // The parent never writes; anything it might send is irrelevant.
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the pipe from the parent JVM failed", e);
        }
        LOG.log(System.Logger.Level.WARNING, "the parent JVM is gone: stopping this child JVM");
        Thread backstop = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                // halting anyway
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watcher-halt");
        backstop.setDaemon(true);
        backstop.start();
        // System.exit runs the child's shutdown hooks, so it stops as on SIGTERM.
        System.exit(3);
    }
}
