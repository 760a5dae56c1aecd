package org.imagingtriage.topology.pipeline;

import io.grpc.ManagedChannel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.imagingtriage.inference.ModelBinding;
import org.imagingtriage.inference.TransientTritonException;
import org.imagingtriage.inference.TritonClient;
import org.imagingtriage.inference.TritonErrors;
import org.imagingtriage.inference.channel.TritonChannels;
import org.imagingtriage.inference.medgemma.PromptCatalog;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.topology.config.InferenceMode;
import org.imagingtriage.topology.config.InferenceSettings;
import org.imagingtriage.topology.config.TopicProvisioner;
import org.imagingtriage.topology.config.TopicReport;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.inference.TritonDraftInference;
import org.imagingtriage.topology.observability.ObservabilityServer;
import org.imagingtriage.topology.observability.ReadinessCheck;
import org.imagingtriage.topology.observability.StreamsStateCheck;
import org.imagingtriage.topology.observability.TriageMetrics;
import org.imagingtriage.topology.observability.TritonModelReadyCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipeline: topics provisioned or checked, Triton's model bound, the Streams
 * application started, {@code /metrics} and {@code /health/*} served. {@code triage run}, the
 * demo and the end-to-end tests start it the same way.
 *
 * <p>It owns the gRPC channel, the Streams client and the HTTP server, and closes them in the
 * reverse order: Streams first, so no record is processed without Triton behind it.
 */
public final class TriagePipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriagePipeline.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ManagedChannel channel;
    private final ScheduledExecutorService retryScheduler;
    private final Map<Lane, KafkaStreams> lanes;
    private final ObservabilityServer observability;
    private final TriageMetrics metrics;
    private final ModelBinding binding;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private TriagePipeline(ManagedChannel channel, ScheduledExecutorService retryScheduler,
                           Map<Lane, KafkaStreams> lanes, ObservabilityServer observability, TriageMetrics metrics,
                           ModelBinding binding) {
        this.channel = channel;
        this.retryScheduler = retryScheduler;
        this.lanes = lanes;
        this.observability = observability;
        this.metrics = metrics;
        this.binding = binding;
    }

    /** Starts the pipeline on {@code config}; returns once Streams has been started (not yet RUNNING). */
    public static TriagePipeline start(TriageConfig config) {
        Objects.requireNonNull(config, "config");
        provisionTopics(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TriageMetrics metrics = new TriageMetrics(registry).bindJvmMetrics();
        ManagedChannel channel = TritonChannels.create(config.triton().channelConfig());
        ScheduledThreadPoolExecutor retryScheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "triage-inference-retry");
            thread.setDaemon(true);
            return thread;
        });
        // A cancelled retry timer holds its request, and so its image: drop it at once.
        retryScheduler.setRemoveOnCancelPolicy(true);
        Map<Lane, KafkaStreams> lanes = new EnumMap<>(Lane.class);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            TritonClient triton = new TritonClient(channel, config.triton().clientConfig());
            ModelBinding binding = bindModel(triton, config);
            TritonDraftInference inference = draftInference(config, triton, binding, metrics);
            metrics.registerInFlight(inference::inFlight);
            Optional<AsyncInference> async = config.inference().mode() == InferenceMode.ASYNC
                    ? Optional.of(asyncInference(config, inference,
                            () -> triton.modelReady(binding.modelName(), config.triton().model().version()),
                            retryScheduler))
                    : Optional.empty();
            PipelineDependencies dependencies = new PipelineDependencies(
                    ImagingStages.from(config),
                    inference,
                    async,
                    PipelineSerdes.create(config.serdeConfig(), new SchemaRegistryClient(config.registry().clientConfig())),
                    TransientRetry.sleeping(config.inference().retryInitialBackoff(),
                            config.inference().retryMaxBackoff(), config.streamThreadRetryBudget()),
                    metrics,
                    Clock.systemUTC(),
                    PipelineVersion.current());
            List<ReadinessCheck> checks = new ArrayList<>();
            for (Lane lane : Lane.values()) {
                KafkaStreams streams = new KafkaStreams(TriageTopology.build(config, dependencies, lane),
                        laneProperties(config, lane));
                // Closed with the others if anything after this fails, started or not.
                lanes.put(lane, streams);
                streams.setUncaughtExceptionHandler(TriagePipeline::onStreamThreadFailure);
                metrics.bindKafkaStreams(streams);
                checks.add(new StreamsStateCheck(lane == Lane.ROUTINE ? "kafka-streams" : "kafka-streams-priority",
                        streams::state));
            }
            checks.add(new TritonModelReadyCheck(() -> triton.modelReady(binding.modelName(),
                    config.triton().model().version())));
            ObservabilityServer observability = ObservabilityServer.start(config.observability(), registry, checks);
            opened.add(observability);
            TriagePipeline pipeline = new TriagePipeline(channel, retryScheduler, lanes, observability, metrics,
                    binding);
            lanes.forEach((lane, streams) -> streams.setStateListener((newState, oldState) -> {
                LOG.info("Kafka Streams ({} lane) {} -> {}", lane.name().toLowerCase(Locale.ROOT), oldState, newState);
                if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                    pipeline.stopped.countDown();
                }
            }));
            lanes.values().forEach(KafkaStreams::start);
            LOG.atInfo().setMessage("pipeline started")
                    .addKeyValue("applicationId", config.pipeline().applicationId())
                    .addKeyValue("inferenceMode", config.inference().mode())
                    .addKeyValue("model", binding.modelName())
                    .addKeyValue("metricsPort", observability.port())
                    .log();
            return pipeline;
        } catch (IOException e) {
            closeAfterFailedStart(lanes.values(), opened, retryScheduler, metrics, channel);
            throw new UncheckedIOException("cannot serve the metrics and health endpoints", e);
        } catch (RuntimeException e) {
            closeAfterFailedStart(lanes.values(), opened, retryScheduler, metrics, channel);
            throw e;
        }
    }

    private static void closeAfterFailedStart(Collection<KafkaStreams> lanes, List<AutoCloseable> opened,
                                              ScheduledExecutorService retryScheduler, TriageMetrics metrics,
                                              ManagedChannel channel) {
        // A lane may have started: let its threads stop before the scheduler and channel go.
        try {
            closeLanes(lanes);
        } catch (RuntimeException e) {
            LOG.warn("closing the lanes after a failed start: {}", e.toString());
        }
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing after a failed start: {}", e.toString());
            }
        }
        retryScheduler.shutdownNow();
        metrics.close();
        channel.shutdownNow();
    }

    /**
     * Inference exactly as the pipeline configures it: the configured prompts, generation
     * parameters, model version and queue timeout. The pipeline benchmark's load generator uses
     * it too, so that it sends the pipeline's own requests.
     */
    public static TritonDraftInference draftInference(TriageConfig config, TritonClient triton, ModelBinding binding,
                                                      TriageMetrics metrics) {
        PromptCatalog catalog = config.prompts().loadCatalog();
        return new TritonDraftInference(triton, binding, config.triton().model().version(), catalog,
                config.generation(catalog), config.triton().model().queueTimeout(), metrics);
    }

    /** The lane's Streams settings: its own application id, and one thread for the priority lane. */
    static Properties laneProperties(TriageConfig config, Lane lane) {
        Properties properties = new Properties();
        properties.putAll(config.streamsConfig());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, lane.applicationId(config.pipeline().applicationId()));
        if (lane == Lane.PRIORITY) {
            // STAT and URGENT events are few; one thread keeps them off the routine threads.
            properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
            Object clientId = properties.get(StreamsConfig.CLIENT_ID_CONFIG);
            if (clientId != null) {
                properties.put(StreamsConfig.CLIENT_ID_CONFIG, clientId + "-priority");
            }
        }
        return properties;
    }

    private static AsyncInference asyncInference(TriageConfig config, TritonDraftInference inference,
                                                 BooleanSupplier modelReady, ScheduledExecutorService scheduler) {
        InferenceSettings settings = config.inference();
        InFlightWindow window = new InFlightWindow(settings.maxInFlight(), settings.priorityReserved());
        InferenceCircuit circuit = new InferenceCircuit(settings.circuitOpenAfterFailures(),
                settings.circuitProbeInterval(), modelReady, scheduler, window::signal);
        RetryBackoff backoff = new RetryBackoff(settings.retryInitialBackoff(), settings.retryMaxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        InferenceDispatcher dispatcher = new InferenceDispatcher(inference, window, circuit, backoff, scheduler,
                System::nanoTime);
        return new AsyncInference(dispatcher, new KafkaSourceRecordFetcher(config.consumerConfig(),
                        config.pipeline().applicationId() + "-in-flight-fetcher"),
                settings.maxInFlightPerTask(), config.streamThreadRetryBudget(),
                new PastEndWatch(AsyncInferStep.END_OFFSET_GRACE, System::nanoTime));
    }

    /**
     * A thread that outlasted its pause budget on a transient failure is replaced: its task
     * resumes from the last commit. Anything else is a bug or a broken cluster: stop the client,
     * and readiness reports it.
     */
    static StreamThreadExceptionResponse onStreamThreadFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StillTransientException transientFailure) {
                LOG.atWarn().setMessage("replacing the stream thread")
                        .addKeyValue("stage", transientFailure.stage())
                        .addKeyValue("reason", "STILL_TRANSIENT")
                        .log();
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        LOG.error("stream thread failed; shutting the pipeline down", failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static void provisionTopics(TriageConfig config) {
        try (Admin admin = Admin.create(config.adminConfig())) {
            TopicReport report = TopicProvisioner.forConfig(config).provision(admin);
            report.warnings().forEach(warning -> LOG.warn("topic check: {}", warning));
            report.throwIfErrors();
        }
    }

    /**
     * Waits out a Triton that is still loading the model; a model that does not match, or a TLS
     * handshake refused over certificates, fails at once: waiting cannot change either.
     */
    private static ModelBinding bindModel(TritonClient triton, TriageConfig config) {
        long deadline = System.nanoTime() + config.triton().deadlines().startup().toNanos();
        Duration backoff = config.inference().retryInitialBackoff();
        while (true) {
            try {
                return triton.bind(config.triton().modelExpectation());
            } catch (TransientTritonException e) {
                Optional<String> tlsRefusal = TritonErrors.tlsRefusal(e);
                if (tlsRefusal.isPresent()) {
                    throw new IllegalStateException("the TLS handshake with Triton at " + config.triton().target()
                            + " failed: " + tlsRefusal.get() + " (check triton.tls.ca.file, triton.tls.authority, and"
                            + " for mutual TLS triton.tls.client.cert.file and triton.tls.client.key.file)", e);
                }
                if (System.nanoTime() + backoff.toNanos() > deadline) {
                    throw e;
                }
                LOG.warn("Triton at {} not ready ({}); retrying in {} ms", config.triton().target(), e.code(),
                        backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.inference().retryMaxBackoff()) > 0
                        ? config.inference().retryMaxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Triton", e);
        }
    }

    /** RUNNING when both lanes are; otherwise the state of a lane that is not, routine first. */
    public KafkaStreams.State state() {
        for (KafkaStreams streams : lanes.values()) {
            if (streams.state() != KafkaStreams.State.RUNNING) {
                return streams.state();
            }
        }
        return KafkaStreams.State.RUNNING;
    }

    /** The port {@code /metrics} and {@code /health/*} are served on. */
    public int metricsPort() {
        return observability.port();
    }

    public ModelBinding model() {
        return binding;
    }

    public TriageMetrics metrics() {
        return metrics;
    }

    /** Blocks until Streams is RUNNING, or throws when it is not within {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || stopped.getCount() == 0) {
                throw new IllegalStateException("Kafka Streams is " + state() + ", not RUNNING, after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Blocks until Streams stops by itself (an unrecoverable error) or {@link #close()} is called. */
    public KafkaStreams.State awaitStop() throws InterruptedException {
        stopped.await();
        return state();
    }

    /** Both lanes at once, under one deadline: each close waits for its threads to commit. */
    private static void closeLanes(Collection<KafkaStreams> lanes) {
        lanes.forEach(streams -> streams.close(Duration.ZERO));
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        boolean allStopped = true;
        for (KafkaStreams streams : lanes) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            allStopped &= streams.close(left);
        }
        if (!allStopped) {
            // Retries still scheduled are abandoned; their pointers bring them back after restart.
            LOG.warn("a lane did not stop within {} s; stopping inference retries anyway", CLOSE_TIMEOUT.toSeconds());
        }
    }

    /** Idempotent: a shutdown hook and the owner may both close it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeLanes(lanes.values());
        retryScheduler.shutdownNow();
        stopped.countDown();
        observability.close();
        metrics.close();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
