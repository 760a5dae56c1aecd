package org.imagingtriage.devstack.registry;

import org.imagingtriage.devstack.LauncherClasspath;
import org.imagingtriage.devstack.ParentWatchingMain;
import org.imagingtriage.devstack.ScratchDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apicurio Registry running as a child JVM on 127.0.0.1, with in-memory storage: what the
 * project's serdes talk to in tests, the demo and benchmarks, through the Confluent-compatible
 * API at {@link #ccompatUrl()}.
 *
 * <p>Storage lives in the child's memory, so {@link #restart()} and a start after {@link #kill()}
 * begin with no schemas: clients holding cached ids must register again. The ports stay the
 * same across restarts, so the URLs clients were given stay valid.
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryProcess.class);

    private static final String LOG_FILE_NAME = "registry.log";
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(15);
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);

    private final ApicurioRegistryConfig config;
    private final ReadinessPoller poller;
    private final Thread shutdownHook;

    // Guarded by "this"; process is also read, unguarded, by the shutdown hook, which must not
    // wait for a lock the exiting thread may hold.
    private volatile Process process;
    private RegistryPorts ports;
    private Path workDir;
    private RegistryLog log;
    private boolean hookRegistered;
    private boolean keepWorkDir;
    private boolean closed;

    public ApicurioRegistryProcess(ApicurioRegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.poller = new ReadinessPoller(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        this.shutdownHook = new Thread(this::destroyOnJvmExit, "apicurio-registry-shutdown");
    }

    /** Starts a registry with {@link ApicurioRegistryConfig#defaults()}. */
    public static ApicurioRegistryProcess startWithDefaults() {
        return new ApicurioRegistryProcess(ApicurioRegistryConfig.defaults()).start();
    }

    /**
     * Launches the registry and returns once both {@code /health/ready} and the ccompat subjects
     * list answer 200. When devstack chose both ports and one was taken before the registry
     * bound it, the launch is retried once on new ports.
     *
     * @throws RegistryStartException when it exits early or is not ready in time; the message
     *                                holds the tail of its log
     */
    public synchronized ApicurioRegistryProcess start() {
        requireOpen();
        if (isRunning()) {
            throw new IllegalStateException("Apicurio Registry is already running at " + baseUrl());
        }
        boolean firstStart = ports == null;
        if (firstStart) {
            ports = RegistryPorts.choose(config);
        }
        try {
            launchAndAwaitReady();
        } catch (RegistryStartException e) {
            // Only the first start may move: after it, clients already hold the URLs.
            if (!(e.portInUse() && firstStart && config.choosesEveryPort())) {
                throw e;
            }
            RegistryPorts taken = ports;
            ports = RegistryPorts.choose(config);
            LOG.warn("Apicurio Registry could not bind port {} or {}; retrying once on {} and {}",
                    taken.http(), taken.management(), ports.http(), ports.management());
            launchAndAwaitReady();
        }
        return this;
    }

    /** Stops the registry gracefully (SIGTERM), forcibly if it does not end in time. */
    public synchronized void stop() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        if (!awaitExit(running, GRACEFUL_STOP)) {
            LOG.warn("Apicurio Registry (pid {}) did not stop within {} s; killing it",
                    running.pid(), GRACEFUL_STOP.toSeconds());
            running.destroyForcibly();
            awaitExit(running, FORCED_STOP);
        }
        LOG.info("Apicurio Registry (pid {}) stopped with exit code {}", running.pid(), exitCodeOf(running));
        closeParentPipe(running);
    }

    /**
     * Kills the registry at once (SIGKILL), as a crash would: for tests of a registry that is
     * down. {@link #start()} or {@link #restart()} brings it back on the same URLs.
     */
    public synchronized void kill() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroyForcibly();
        if (!awaitExit(running, FORCED_STOP)) {
            throw new IllegalStateException("Apicurio Registry (pid " + running.pid()
                    + ") was sent SIGKILL but still runs after " + FORCED_STOP.toSeconds() + " s");
        }
        LOG.info("Apicurio Registry (pid {}) killed", running.pid());
        closeParentPipe(running);
    }

    /** Stops the registry if it runs and starts it again on the same ports, with empty storage. */
    public synchronized ApicurioRegistryProcess restart() {
        stop();
        return start();
    }

    public synchronized boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The registry's root URL, e.g. {@code http://127.0.0.1:41234}. */
    public synchronized String baseUrl() {
        return "http://" + RegistryCommandLine.LOOPBACK + ":" + startedPorts().http();
    }

    /** The Confluent-compatible API: the value for a Confluent serde's {@code schema.registry.url}. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** The Quarkus management interface, serving {@code /health/ready} and {@code /metrics}. */
    public synchronized String managementUrl() {
        return "http://" + RegistryCommandLine.LOOPBACK + ":" + startedPorts().management();
    }

    /** The process id of the running registry. */
    public synchronized long pid() {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException("Apicurio Registry has not been started");
        }
        return running.pid();
    }

    /** The file holding the registry's output, across all its launches. */
    public synchronized Path logFile() {
        if (log == null) {
            throw new IllegalStateException("Apicurio Registry has not been started");
        }
        return log.file();
    }

    /**
     * Stops the registry and deletes its scratch directory, unless the last start failed: then
     * the directory and its log are left for diagnosis.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (hookRegistered) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmAlreadyExiting) {
                // The hook runs anyway and finds the process gone.
            }
        }
        if (workDir != null && !keepWorkDir) {
            ScratchDirectory.delete(workDir);
        }
    }

    private void launchAndAwaitReady() {
        ensureWorkDir();
        long logStart = log.end();
        List<String> command = RegistryCommandLine.build(config, ports, workDir, launcherSource(workDir));
        LOG.info("Starting Apicurio Registry on {} (management {}), log {}", baseUrl(), managementUrl(), log.file());
        LOG.debug("Apicurio Registry command: {}", command);
        long startNanos = System.nanoTime();
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(config.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + command.get(0) + " for Apicurio Registry", e);
        }
        process = started;
        registerShutdownHook();
        Optional<String> problem = awaitReady(started);
        if (problem.isPresent()) {
            keepWorkDir = true;
            started.destroyForcibly();
            awaitExit(started, FORCED_STOP);
            closeParentPipe(started);
            throw new RegistryStartException("Apicurio Registry did not start: " + problem.get()
                    + ". Log: " + log.file() + System.lineSeparator() + "--- last lines of the log ---"
                    + System.lineSeparator() + log.tailSince(logStart, LOG_TAIL_LINES),
                    log.reportsPortInUseSince(logStart));
        }
        keepWorkDir = false;
        LOG.info("Apicurio Registry (pid {}) ready at {} after {} ms", started.pid(), ccompatUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private Optional<String> awaitReady(Process started) {
        List<URI> readiness = List.of(
                URI.create(managementUrl() + "/health/ready"),
                URI.create(ccompatUrl() + "/subjects"));
        try {
            return poller.awaitReady(started, readiness, config.startTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the wait for " + readiness + " was interrupted");
        }
    }

    private void ensureWorkDir() {
        if (workDir != null) {
            return;
        }
        try {
            workDir = Files.createTempDirectory("apicurio-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for Apicurio Registry", e);
        }
        log = new RegistryLog(workDir.resolve(LOG_FILE_NAME));
    }

    private void registerShutdownHook() {
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookRegistered = true;
        }
    }

    /** Runs at JVM exit, when locks may be held by the exiting thread: only the volatile field is used. */
    private void destroyOnJvmExit() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!awaitExit(running, Duration.ofSeconds(5))) {
                running.destroyForcibly();
            }
        }
    }

    private RegistryPorts startedPorts() {
        if (ports == null) {
            throw new IllegalStateException("Apicurio Registry has not been started: it has no ports yet");
        }
        return ports;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this Apicurio Registry process has been closed");
        }
    }

    /** {@link ParentWatchingMain} alone, written into the registry's scratch directory. */
    private static Optional<Path> launcherSource(Path workDir) {
        try {
            return Optional.of(LauncherClasspath.writeInto(workDir));
        } catch (RuntimeException e) {
            LOG.warn("cannot write the launcher that watches this JVM ({}); the registry will not stop by"
                    + " itself if this JVM is killed", e.toString());
            return Optional.empty();
        }
    }

    private static boolean awaitExit(Process running, Duration timeout) {
        try {
            return running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !running.isAlive();
        }
    }

    private static String exitCodeOf(Process ended) {
        return ended.isAlive() ? "(still running)" : Integer.toString(ended.exitValue());
    }

    /** Releases this JVM's end of the child's stdin once the child is gone. */
    private static void closeParentPipe(Process ended) {
        try {
            ended.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the pipe to the ended registry failed", e);
        }
    }
}
