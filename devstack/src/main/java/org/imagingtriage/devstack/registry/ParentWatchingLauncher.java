package org.imagingtriage.devstack.registry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Main class of the registry child JVM: starts Quarkus's runner and ends the child when the
 * JVM that started it is gone. A shutdown hook cannot do that when the parent is killed with
 * SIGKILL (a Maven fork timeout, an IDE's stop button); the parent's end of the child's stdin
 * pipe closes in every case, so end-of-input is the signal.
 *
 * <p>Runs inside the child, on the registry's classpath, so it uses nothing but the JDK.
 */
public final class ParentWatchingLauncher {

    /** The Main-Class of a Quarkus fast-jar's {@code quarkus-run.jar}. */
    static final String QUARKUS_ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private static final System.Logger LOG = System.getLogger(ParentWatchingLauncher.class.getName());

    private ParentWatchingLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        Thread watcher = new Thread(() -> exitWhenInputEnds(System.in), "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try {
            Class.forName(QUARKUS_ENTRY_POINT)
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
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
        LOG.log(System.Logger.Level.WARNING, "the parent JVM is gone: stopping Apicurio Registry");
        // System.exit runs Quarkus's shutdown hook, so the registry stops as on SIGTERM.
        System.exit(0);
    }
}
