package org.imagingtriage.devstack.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.imagingtriage.devstack.bench.pipeline.PipelineBenchmark;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.topology.config.InferenceSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code triage bench pipeline}: the async pipeline against the simulator's capacity and the blocking baseline. */
@Command(name = "pipeline",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Measure the whole pipeline against the Triton simulator's capacity on the embedded stack (in-JVM"
                        + " Kafka, Apicurio, the simulator over TCP serving medgemma-4b-it's real configuration).",
                "1. capacity: direct gRPC load on the simulator, and the time of one full batch on an idle server;",
                "2. async mode, then blocking mode, each on a backlog of the same N synthetic images: throughput and"
                        + " its share of capacity, latency percentiles, the batches Triton ran, peak heap;",
                "3. STAT events one at a time while a routine backlog drains: their end-to-end latency against one"
                        + " full batch.",
                "Last, one machine-readable line per mode. Every draft is SIMULATED; no figure here says anything"
                        + " about a real GPU.",
                ""},
        footer = {"", "Examples:",
                "  ./triage bench pipeline --profile fast --events 3000",
                "  ./triage bench pipeline --profile medgemma-h100 --events 240 --stat-events 20"})
final class PipelineBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "fast",
            description = "Simulator latency profile: fast or medgemma-h100 (default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--events", paramLabel = "N", defaultValue = "2000",
            description = "Routine events per mode (default: ${DEFAULT-VALUE}).")
    private int events;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Stream threads of the routine lane (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--max-in-flight", paramLabel = "K", defaultValue = "" + InferenceSettings.DEFAULT_MAX_IN_FLIGHT,
            description = "inference.max.in.flight for both modes (default: ${DEFAULT-VALUE}, the pipeline's).")
    private int maxInFlight;

    @Option(names = "--stat-backlog", paramLabel = "N", defaultValue = "5000",
            description = "Routine events queued ahead of the STAT phase (default: ${DEFAULT-VALUE}).")
    private int statBacklog;

    @Option(names = "--stat-events", paramLabel = "N", defaultValue = "20",
            description = "STAT events sent one at a time during the drain; 0 skips the phase (default: ${DEFAULT-VALUE}).")
    private int statEvents;

    @Override
    public Integer call() throws Exception {
        LatencyProfile latency = validated();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("triage bench pipeline: profile %s (%d ms + %d ms per item, jitter %.0f %%), %d events per mode,"
                        + " %d stream threads, inference.max.in.flight %d, Java %s%n", latency.name(),
                latency.base().toMillis(), latency.perItem().toMillis(), latency.jitter() * 100, events, threads,
                maxInFlight, Runtime.version());
        out.println("Starting the embedded stack (about 20-40 s on two cores)");
        out.flush();
        try (EmbeddedStack stack = EmbeddedStack.start(latency)) {
            new PipelineBenchmark(new PipelineBenchmark.Setup(stack.bootstrapServers(), stack.registryUrl(),
                    stack.tritonTarget(), events, threads, statBacklog, statEvents, maxInFlight), out).run();
        }
        return 0;
    }

    private LatencyProfile validated() {
        if (events < 100) {
            throw new ParameterException(spec.commandLine(), "--events must be at least 100");
        }
        if (threads < 1 || threads > 16) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 16");
        }
        if (statBacklog < 0 || statEvents < 0) {
            throw new ParameterException(spec.commandLine(), "--stat-backlog and --stat-events must not be negative");
        }
        try {
            return LatencyProfile.named(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
    }
}
