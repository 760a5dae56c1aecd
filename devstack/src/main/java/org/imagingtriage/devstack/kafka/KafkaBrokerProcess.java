package org.imagingtriage.devstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.imagingtriage.devstack.ChildJvm;
import org.imagingtriage.devstack.ParentWatchingMain;
import org.imagingtriage.devstack.kafka.BrokerReadiness.BrokerStartFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node KRaft broker (broker and controller combined) in a child JVM, for tests that need
 * what an in-JVM broker cannot give: a real crash ({@link #kill()}), a graceful shutdown
 * ({@link #stop()}) and a {@link #restart()} on the same storage and ports, so clients that
 * were connected before the crash reconnect by themselves.
 *
 * <p>All state lives in one data directory: server.properties, log4j2.xml, the KRaft storage,
 * and under {@code logs/} the broker's server.log, its console output and the storage format
 * tool's output. {@link #close()} deletes it. A shutdown hook kills the child if this JVM exits
 * first, and the child halts itself if this JVM dies without running hooks.
 */
public final class KafkaBrokerProcess implements KafkaEndpoint, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    /** FreePorts' ports can be taken before the broker binds them; a fresh pair usually works. */
    private static final int START_ATTEMPTS_ON_PORT_CLASH = 3;
    private static final int LOG_LINES_IN_ERRORS = 60;
    private static final String PORT_CLASH_SYMPTOM = "Address already in use";

    private final KafkaBrokerProcessConfig config;
    private final BrokerDataDirectory data;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Thread reaper = new Thread(this::killQuietly, "kafka-broker-process-reaper");
    private String classpath;
    private BrokerPorts ports;
    private boolean formatted;
    private boolean reaperRegistered;
    private boolean closed;
    private volatile Process process;

    /** Creates the data directory and picks ports; nothing runs until {@link #start()}. */
    public KafkaBrokerProcess(KafkaBrokerProcessConfig config) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.data = BrokerDataDirectory.createUnder(config.parentDirectory());
        this.ports = BrokerPorts.pickFree();
    }

    public static KafkaBrokerProcess started(KafkaBrokerProcessConfig config) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(config);
        try {
            broker.start();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Starts the broker and waits until an Admin client sees it. The first start formats the
     * storage; later starts reuse it, with the same node id, cluster id and ports.
     */
    public synchronized void start() {
        requireOpen();
        if (isAlive()) {
            throw new IllegalStateException("broker " + bootstrapServers() + " is already running");
        }
        registerReaper();
        if (classpath == null) {
            classpath = BrokerClasspath.resolve(data.root());
        }
        if (formatted) {
            launchAndAwaitReady();
        } else {
            formatAndStartFirstTime();
        }
    }

    /** Stops the broker gracefully if it runs, then starts it on the same storage and ports. */
    public synchronized void restart() {
        if (isAlive()) {
            stop();
        }
        start();
    }

    /** SIGKILL: the broker gets no chance to flush or deregister, as in a crash. */
    public synchronized void kill() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        LOG.info("Killing broker {} (pid {})", bootstrapServers(), running.pid());
        running.destroyForcibly();
        awaitExit(running, "SIGKILL");
    }

    /** SIGTERM: the broker shuts down in order, within the configured shutdown timeout. */
    public synchronized void stop() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        LOG.info("Stopping broker {} (pid {})", bootstrapServers(), running.pid());
        running.destroy();
        awaitExit(running, "SIGTERM");
    }

    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    @Override
    public synchronized String bootstrapServers() {
        return HOST + ":" + ports.client();
    }

    @Override
    public int messageMaxBytes() {
        return config.broker().messageMaxBytes();
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDirectory() {
        return data.root();
    }

    /** The broker's log4j output, the first place to look when it misbehaves. */
    public Path serverLog() {
        return data.serverLog();
    }

    /** Kills the broker if it runs and deletes its data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kill();
        } finally {
            unregisterReaper();
            data.delete();
        }
    }

    private void formatAndStartFirstTime() {
        for (int attempt = 1; ; attempt++) {
            data.wipeStorage();
            data.writeConfiguration(serverProperties());
            StorageFormat.run(data, clusterId, classpath, loggingJvmOptions(), config.startupTimeout());
            try {
                launchAndAwaitReady();
                formatted = true;
                return;
            } catch (IllegalStateException e) {
                if (attempt >= START_ATTEMPTS_ON_PORT_CLASH || !portClash()) {
                    throw e;
                }
                BrokerPorts taken = ports;
                ports = BrokerPorts.pickFree();
                LOG.warn("Ports {} were taken before the broker bound them; retrying with {}", taken, ports);
            }
        }
    }

    private void launchAndAwaitReady() {
        long startedAt = System.nanoTime();
        process = launchBroker();
        try {
            BrokerReadiness.await(process, HOST, ports.client(), config.startupTimeout());
        } catch (BrokerStartFailure e) {
            IllegalStateException failure = new IllegalStateException(e.getMessage()
                    + " (data directory " + data.root() + ")\n" + diagnostics(), e);
            try {
                kill();
            } catch (RuntimeException killFailure) {
                failure.addSuppressed(killFailure);
            }
            throw failure;
        }
        LOG.info("Broker {} (pid {}) ready after {} ms", bootstrapServers(), process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    private Process launchBroker() {
        List<String> jvmOptions = loggingJvmOptions();
        // The broker ends itself when this JVM is gone, so a killed test run leaves no orphan.
        List<String> command = ChildJvm.command(jvmOptions, classpath, ParentWatchingMain.class.getName(),
                List.of("kafka.Kafka", data.serverProperties().toString()));
        try {
            return new ProcessBuilder(command)
                    .directory(data.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.consoleLog().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker JVM " + command.get(0), e);
        }
    }

    /** The configured options plus log4j settings that send Kafka's logging to server.log. */
    private List<String> loggingJvmOptions() {
        List<String> jvmOptions = new ArrayList<>(config.jvmOptions());
        jvmOptions.add("-Dlog4j2.configurationFile=" + data.log4jConfig().toUri());
        jvmOptions.add("-Dkafka.logs.dir=" + data.logsDirectory());
        return jvmOptions;
    }

    private Map<String, String> serverProperties() {
        String clientListener = "PLAINTEXT://" + HOST + ":" + ports.client();
        String controllerListener = "CONTROLLER://" + HOST + ":" + ports.controller();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.bootstrap.servers", HOST + ":" + ports.controller());
        props.put("listeners", clientListener + "," + controllerListener);
        props.put("advertised.listeners", clientListener + "," + controllerListener);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", data.kafkaStorage().toString());
        // After a SIGKILL the controller refuses the restarted broker's registration until the
        // dead incarnation's session expires: 9 s by default, which would dominate every
        // crash-and-restart test. Overrides in the broker settings still win.
        props.put("broker.session.timeout.ms", "3000");
        props.put("broker.heartbeat.interval.ms", "500");
        props.putAll(config.broker().toBrokerProperties());
        return props;
    }

    private boolean portClash() {
        return diagnostics().contains(PORT_CLASH_SYMPTOM);
    }

    private String diagnostics() {
        return "--- tail of " + data.serverLog() + " ---\n"
                + BrokerDataDirectory.tail(data.serverLog(), LOG_LINES_IN_ERRORS)
                + "\n--- tail of " + data.consoleLog() + " ---\n"
                + BrokerDataDirectory.tail(data.consoleLog(), LOG_LINES_IN_ERRORS);
    }

    private void awaitExit(Process running, String signal) {
        Duration timeout = config.shutdownTimeout();
        try {
            if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                throw new IllegalStateException("broker " + bootstrapServers() + " (pid " + running.pid()
                        + ") did not exit within " + timeout + " of " + signal + "; it was killed\n" + diagnostics());
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for broker " + bootstrapServers()
                    + " to exit after " + signal, e);
        }
    }

    /** Runs in the shutdown hook too, so it must not block on this object's monitor. */
    private void killQuietly() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
        }
    }

    private void registerReaper() {
        if (!reaperRegistered) {
            Runtime.getRuntime().addShutdownHook(reaper);
            reaperRegistered = true;
        }
    }

    private void unregisterReaper() {
        if (!reaperRegistered) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or has run.
            LOG.debug("JVM is shutting down; the reaper hook stays", e);
        }
        reaperRegistered = false;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("broker process was closed; create a new one");
        }
    }
}
