package org.imagingtriage.devstack.bench.pipeline;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.inference.ModelBinding;
import org.imagingtriage.inference.TritonClient;
import org.imagingtriage.inference.channel.TritonChannels;
import org.imagingtriage.inference.proto.InferBatchStatistics;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.imagingtriage.topology.config.InferenceMode;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.TopicProvisioner;
import org.imagingtriage.topology.config.TopicRole;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.inference.TritonDraftInference;
import org.imagingtriage.topology.observability.TriageMetrics;
import org.imagingtriage.topology.pipeline.ImagingStages;
import org.imagingtriage.topology.pipeline.TriagePipeline;

/**
 * {@code triage bench pipeline}: the simulator's capacity measured directly, then the whole
 * pipeline on the same stack in async and in blocking mode on the same workload, then STAT
 * latency while a routine backlog drains. Each run gets topics and an application id of its own.
 */
public final class PipelineBenchmark {

    /** Where the stack runs and how the benchmark is shaped. */
    public record Setup(String bootstrapServers, String registryUrl, String tritonTarget, int events, int threads,
                        int statBacklog, int statEvents, int maxInFlight) {
        public Setup {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(registryUrl, "registryUrl");
            Objects.requireNonNull(tritonTarget, "tritonTarget");
        }
    }

    private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(2);

    private final Setup setup;
    private final PrintWriter out;
    private final BenchWorkload workload;

    public PipelineBenchmark(Setup setup, PrintWriter out) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.out = Objects.requireNonNull(out, "out");
        this.workload = new BenchWorkload(setup.bootstrapServers(), setup.registryUrl());
    }

    /** Runs every phase and prints the report; the machine-readable lines come last. */
    public void run() throws Exception {
        TriageConfig probeConfig = config("bench-probe", InferenceMode.ASYNC);
        ManagedChannel channel = TritonChannels.create(probeConfig.triton().channelConfig());
        try {
            TritonClient triton = new TritonClient(channel, probeConfig.triton().clientConfig());
            ModelBinding binding = triton.bind(probeConfig.triton().modelExpectation());
            int maxBatch = binding.maxBatchSize();
            BatchStatistics batches = new BatchStatistics(triton, binding.modelName());
            Limit limit = measureLimit(probeConfig, triton, binding, maxBatch, batches);

            ModeResult async = runMode(InferenceMode.ASYNC, limit, batches, maxBatch);
            ModeResult blocking = runMode(InferenceMode.BLOCKING, limit, batches, maxBatch);
            StatResult stat = setup.statEvents() > 0 ? runStat(limit, maxBatch) : null;

            out.println();
            out.println(async.machineLine(setup.threads(), limit));
            out.println(blocking.machineLine(setup.threads(), limit));
            if (stat != null) {
                out.println(stat.machineLine(limit));
            }
            out.flush();
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The simulator on its own: throughput with plenty in flight, and how long one full batch
     * executes, from ModelStatistics over that load (compute input + infer + output).
     */
    private Limit measureLimit(TriageConfig config, TritonClient triton, ModelBinding binding, int maxBatch,
                               BatchStatistics batches) throws InterruptedException, ImagingException {
        TritonDraftInference inference = TriagePipeline.draftInference(config, triton, binding,
                new TriageMetrics(new SimpleMeterRegistry()));
        ImageEvent event = workload.event(0, Priority.ROUTINE);
        ImagingStages stages = ImagingStages.from(LimitSettings.defaults());
        PreprocessedImage image = stages.preprocessor().preprocess(
                stages.decoders().decode(ImageFormat.PNG, workload.image(0)));
        CapacityProbe probe = new CapacityProbe(inference, event, image);
        out.printf("Capacity: direct gRPC load, %d requests in flight (no Kafka, no preprocessing)%n", 4 * maxBatch);
        out.flush();
        probe.measure(4 * maxBatch, 8 * maxBatch); // warm-up of both sides' JIT and connections
        Map<Integer, long[]> before = batches.snapshot();
        CapacityProbe.Capacity capacity = probe.measure(4 * maxBatch, Math.max(16 * maxBatch, setup.events() / 2));
        Map<Integer, long[]> after = batches.snapshot();
        Duration fullBatch = BatchStatistics.meanExecution(before, after, maxBatch);
        out.printf("  capacity %.1f items/s over %d requests (%d failed); batches %s; one full batch of %d executes"
                        + " in %d ms (mean)%n", capacity.itemsPerSecond(), capacity.requests(), capacity.failures(),
                BatchStatistics.executions(before, after), maxBatch, fullBatch.toMillis());
        out.flush();
        return new Limit(capacity.itemsPerSecond(), fullBatch);
    }

    private ModeResult runMode(InferenceMode mode, Limit limit, BatchStatistics batches, int maxBatch)
            throws Exception {
        String name = "bench-" + mode.name().toLowerCase(Locale.ROOT);
        TriageConfig config = config(name, mode);
        out.printf("%nPipeline, %s mode, %d stream threads: %d routine events published first, then the pipeline"
                + " started%n", mode.name().toLowerCase(Locale.ROOT), setup.threads(), setup.events());
        out.flush();
        provision(config);
        workload.publishRoutine(config.topics().events().name(), setup.events());
        Map<Integer, long[]> before = batches.snapshot();
        try (HeapSampler heap = HeapSampler.start();
             OutcomeCollector outcomes = collector(config);
             TriagePipeline ignored = TriagePipeline.start(config)) {
            // No wait for RUNNING: in blocking mode with second-long calls a thread holds its
            // poll while it works through its records, so the start-up rebalance can outlast
            // any fixed wait (seen with medgemma-h100). The throughput's warm-up covers start-up.
            Duration timeout = Duration.ofSeconds(120 + (long) (setup.events() / (0.05 * limit.capacity())));
            boolean complete = outcomes.awaitOutcomes(setup.events(), timeout);
            ModeResult result = ModeResult.of(mode.name().toLowerCase(Locale.ROOT), setup.events(),
                    outcomes.arrivals(), outcomes.deadLetters(), complete, 2 * maxBatch,
                    BatchStatistics.executions(before, batches.snapshot()), heap.peakBytes());
            result.print(out, limit);
            out.flush();
            return result;
        }
    }

    /** A routine backlog drains while STAT events arrive one at a time; each one's end-to-end latency counts. */
    private StatResult runStat(Limit limit, int maxBatch) throws Exception {
        TriageConfig config = config("bench-stat", InferenceMode.ASYNC);
        out.printf("%nSTAT under a routine backlog: %d routine events published, then %d STAT events one at a time"
                + " while it drains (async mode)%n", setup.statBacklog(), setup.statEvents());
        out.flush();
        provision(config);
        workload.publishRoutine(config.topics().events().name(), setup.statBacklog());
        try (OutcomeCollector outcomes = collector(config);
             TriagePipeline pipeline = TriagePipeline.start(config)) {
            pipeline.awaitRunning(RUNNING_TIMEOUT);
            // Steady state: the routine lane has filled the window and Triton's queue.
            outcomes.awaitOutcomes(4 * maxBatch, Duration.ofMinutes(10));
            long gap = limit.fullBatch().toMillis();
            for (int i = 0; i < setup.statEvents(); i++) {
                ImageEvent stat = workload.event(i, Priority.STAT);
                workload.publish(config.topics().priorityEvents().name(), List.of(stat));
                if (!outcomes.awaitDraft(stat.getEventId(), Duration.ofMinutes(5))) {
                    throw new IllegalStateException("no draft for STAT event " + stat.getEventId() + " within 5 min");
                }
                // A random pause, so STAT events land at every point of the batch in progress.
                Thread.sleep(ThreadLocalRandom.current().nextLong(gap / 4, gap + 1));
            }
            List<OutcomeCollector.Arrival> arrivals = outcomes.arrivals();
            long routineDrafted = arrivals.stream().filter(a -> a.priority() == Priority.ROUTINE).count();
            StatResult result = StatResult.of(arrivals.stream().filter(a -> a.priority() == Priority.STAT).toList(),
                    setup.statBacklog(), routineDrafted, setup.statEvents());
            result.print(out, limit);
            out.flush();
            return result;
        }
    }

    /** The run's topics as the pipeline wants them, before the backlog is published to them. */
    private static void provision(TriageConfig config) {
        try (Admin admin = Admin.create(config.adminConfig())) {
            TopicProvisioner.forConfig(config).provision(admin).throwIfErrors();
        }
    }

    private OutcomeCollector collector(TriageConfig config) {
        return new OutcomeCollector(setup.bootstrapServers(), setup.registryUrl(), config.topics().drafts().name(),
                config.topics().deadLetters().name());
    }

    /** The pipeline's configuration for one run: its own topics and application id. */
    private TriageConfig config(String name, InferenceMode mode) {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", setup.bootstrapServers());
        properties.put("kafka.num.stream.threads", String.valueOf(setup.threads()));
        properties.put("registry.url", setup.registryUrl());
        properties.put("triton.target", setup.tritonTarget());
        properties.put("pipeline.application.id", run);
        properties.put("topics.partitions", String.valueOf(Math.max(2, 2 * setup.threads())));
        properties.put("inference.mode", mode.configValue());
        properties.put("inference.max.in.flight", String.valueOf(setup.maxInFlight()));
        properties.put("observability.http.port", "0");
        for (TopicRole role : TopicRole.values()) {
            properties.put(role.nameKey(), run + "." + role.id());
        }
        return TriageConfigLoader.fromProperties(properties, Map.of());
    }

    /** The simulator's own figures. */
    record Limit(double capacity, Duration fullBatch) {
    }

    /** Per batch size, executions and their compute time, read from ModelStatistics; deltas give one run's. */
    static final class BatchStatistics {
        private final TritonClient triton;
        private final String model;

        BatchStatistics(TritonClient triton, String model) {
            this.triton = triton;
            this.model = model;
        }

        /** Batch size to {executions, compute nanoseconds}. */
        Map<Integer, long[]> snapshot() {
            Map<Integer, long[]> snapshot = new TreeMap<>();
            for (ModelStatistics statistics : triton.statistics(model, "")) {
                for (InferBatchStatistics batch : statistics.getBatchStatsList()) {
                    long[] totals = snapshot.computeIfAbsent((int) batch.getBatchSize(), size -> new long[2]);
                    totals[0] += batch.getComputeInfer().getCount();
                    totals[1] += batch.getComputeInput().getNs() + batch.getComputeInfer().getNs()
                            + batch.getComputeOutput().getNs();
                }
            }
            return snapshot;
        }

        static Map<Integer, Long> executions(Map<Integer, long[]> before, Map<Integer, long[]> after) {
            Map<Integer, Long> executions = new TreeMap<>();
            after.forEach((size, totals) -> {
                long run = totals[0] - before.getOrDefault(size, new long[2])[0];
                if (run > 0) {
                    executions.put(size, run);
                }
            });
            return executions;
        }

        static Duration meanExecution(Map<Integer, long[]> before, Map<Integer, long[]> after, int size) {
            long[] from = before.getOrDefault(size, new long[2]);
            long[] to = after.getOrDefault(size, new long[2]);
            if (to[0] == from[0]) {
                throw new IllegalStateException("the capacity run executed no batch of " + size);
            }
            return Duration.ofNanos((to[1] - from[1]) / (to[0] - from[0]));
        }
    }
}
