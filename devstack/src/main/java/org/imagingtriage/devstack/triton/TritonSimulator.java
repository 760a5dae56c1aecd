package org.imagingtriage.devstack.triton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KServe v2 gRPC server that behaves like NVIDIA Triton serving the models of a real model
 * repository, without a GPU or Triton: requests are validated against each config.pbtxt with
 * Triton's messages and codes, queued and batched by Triton's dynamic batcher rules (priority
 * levels, preferred sizes, queue delay, queue policy, instance count), executed with simulated
 * latency and faults, and counted in Triton-shaped statistics. Every output is marked simulated.
 *
 * <pre>{@code
 * try (TritonSimulator triton = TritonSimulator.started(TritonSimulatorConfig.forRepository(repo))) {
 *     ManagedChannel channel = Grpc.newChannelBuilder(triton.target(), InsecureChannelCredentials.create()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>With {@link TritonSimulatorConfig#withTls(SimulatorTls)} it serves TLS, or mutual TLS when
 * the settings name a client CA, as Triton does with {@code --grpc-use-ssl}.
 */
public final class TritonSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TritonSimulator.class);
    private static final long SHUTDOWN_GRACE_MILLIS = 2_000;

    private final TritonSimulatorConfig config;
    private final ScheduledThreadPoolExecutor scheduler;
    private final FaultInjector faults;
    private ExecutorService callExecutor;
    private Server server;
    private Map<String, ModelRuntime> runtimes = Map.of();
    private ModelRegistry registry;
    private boolean closed;

    public TritonSimulator(TritonSimulatorConfig config) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.scheduler = new ScheduledThreadPoolExecutor(2, new SimulatorThreads("triton-sim-scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.faults = new FaultInjector(config.faults(), config.seed(), scheduler);
    }

    public static TritonSimulator started(TritonSimulatorConfig config) {
        TritonSimulator simulator = new TritonSimulator(config);
        try {
            return simulator.start();
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    /** Loads the models and starts serving. */
    public synchronized TritonSimulator start() {
        if (closed || server != null) {
            throw new IllegalStateException("a simulator starts once");
        }
        Map<String, SimulatedModel> models = ModelRepositoryLoader.load(config.modelRepository(), config.models());
        registry = new ModelRegistry(models);
        runtimes = buildRuntimes(models);
        InferenceGateway gateway = new InferenceGateway(registry, runtimes);
        callExecutor = Executors.newFixedThreadPool(4, new SimulatorThreads("triton-sim-grpc"));
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
            server = NettyServerBuilder
                    .forAddress(address, credentials())
                    .maxInboundMessageSize(config.maxInboundMessageBytes())
                    .executor(callExecutor)
                    .addService(ServerInterceptors.intercept(new InferenceService(gateway, faults),
                            new UnavailableWindowInterceptor(faults)))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Triton simulator to " + config.host() + ":" + config.port(), e);
        }
        LOG.info("Triton simulator serving {} at {} over {} ({} latency, seed {})", models.keySet(), target(),
                transport(), config.latency().name(), config.seed());
        return this;
    }

    private ServerCredentials credentials() {
        return config.tls().map(SimulatorTls::serverCredentials).orElseGet(InsecureServerCredentials::create);
    }

    /** How clients must connect, as the start-up line says it. */
    private String transport() {
        return config.tls().map(tls -> tls.isMutual() ? "mutual TLS (client certificates required)" : "TLS")
                .orElse("plaintext");
    }

    private Map<String, ModelRuntime> buildRuntimes(Map<String, SimulatedModel> models) {
        Map<String, ModelRuntime> built = new HashMap<>();
        for (SimulatedModel model : models.values()) {
            SimulatedBackend backend = SimulatedBackend.forModel(model);
            for (long version : model.versions()) {
                ModelStatisticsRecorder statistics = new ModelStatisticsRecorder();
                ExecutionHistory history = new ExecutionHistory(model.name());
                // Each model version draws its own latencies, so traffic to one does not shift another's.
                long seed = config.seed() * 31 + (model.name() + "/" + version).hashCode();
                ModelExecutor executor = new ModelExecutor(model, backend, new LatencyModel(config.latency(), seed),
                        faults, statistics, history, scheduler);
                DynamicBatcher batcher = new DynamicBatcher(model, executor, statistics, scheduler);
                built.put(ModelRuntime.key(model.name(), version),
                        new ModelRuntime(model, version, batcher, statistics, history));
            }
        }
        return Map.copyOf(built);
    }

    public int port() {
        return requireServer().getPort();
    }

    public String host() {
        return config.host();
    }

    /** {@code host:port}, what a gRPC channel builder takes. */
    public String target() {
        return config.host() + ":" + port();
    }

    public TritonSimulatorConfig config() {
        return config;
    }

    public FaultInjector faults() {
        return faults;
    }

    public synchronized Set<String> modelNames() {
        requireServer();
        return Set.copyOf(registry.all().stream().map(SimulatedModel::name).toList());
    }

    /** The latest version's statistics, exactly what the ModelStatistics RPC returns for it. */
    public ModelStatistics statistics(String model) {
        return latest(model).statistics().snapshot(model, latest(model).version());
    }

    /** Requests of the latest version waiting in its queue (not executing). */
    public int queueDepth(String model) {
        return latest(model).batcher().queueDepth();
    }

    /** The latest version's executions so far, oldest first. */
    public List<ExecutedBatch> executions(String model) {
        return latest(model).history().snapshot();
    }

    /**
     * Every loaded model version's statistics in the Prometheus text format, under Triton's metric
     * names (what {@link TritonMetricsServer} serves).
     */
    public synchronized String prometheusMetrics() {
        requireServer();
        return TritonMetricsText.render(runtimes.values().stream()
                .sorted(Comparator.comparing((ModelRuntime runtime) -> runtime.model().name())
                        .thenComparingLong(ModelRuntime::version))
                .map(runtime -> new TritonMetricsText.ModelSample(
                        runtime.statistics().snapshot(runtime.model().name(), runtime.version()),
                        runtime.batcher().queueDepth()))
                .toList());
    }

    private synchronized ModelRuntime latest(String model) {
        requireServer();
        if (!registry.contains(model)) {
            throw new IllegalArgumentException("model '" + model + "' is not loaded; loaded: " + modelNames());
        }
        SimulatedModel loaded = registry.resolve(model, "").model();
        return runtimes.get(ModelRuntime.key(model, loaded.latestVersion()));
    }

    private synchronized Server requireServer() {
        if (server == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return server;
    }

    /** Fails queued requests, stops serving and ends the simulator's threads; waits at most ~2 s. */
    @Override
    public void close() {
        Server running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = server;
        }
        faults.releaseStall();
        runtimes.values().forEach(runtime -> runtime.batcher().close());
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    running.shutdownNow().awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        scheduler.shutdownNow();
        if (callExecutor != null) {
            callExecutor.shutdownNow();
        }
        LOG.info("Triton simulator stopped");
    }
}
