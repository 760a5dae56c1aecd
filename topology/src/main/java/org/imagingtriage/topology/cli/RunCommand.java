package org.imagingtriage.topology.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TriageConfigException;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.pipeline.TriagePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code triage run}: the pipeline against the configured Kafka, registry and Triton, until stopped. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Run the triage pipeline: read image events from topics.events.name and topics.events.priority.name,"
                        + " validate, resolve, decode, check de-identification, preprocess, ask MedGemma on Triton"
                        + " (triton.target) for a draft, and write DraftFindings to topics.drafts.name and dead"
                        + " letters to topics.dead.letters.name, exactly once.",
                "",
                "At start-up it creates or checks the topics (topics.provisioning), waits up to"
                        + " triton.startup.wait.ms (2 minutes by default) for Triton to serve the model and checks the model matches what the pipeline sends. While it"
                        + " runs it serves /metrics, /health/live and /health/ready on"
                        + " observability.http.bind.address:observability.http.port.",
                "",
                "Needs kafka.bootstrap.servers, registry.url and triton.target; every other key has a default"
                        + " (see triage.example.properties). Ctrl-C stops it cleanly.",
                ""},
        footer = {
                "",
                "Exit codes: 0 stopped by Ctrl-C or SIGTERM; 1 start-up failed (topics, Triton, model mismatch)"
                        + " or the pipeline stopped on an error; 2 bad options or configuration.",
                "",
                "Examples:",
                "  triage run --config /etc/triage/triage.properties",
                "  TRIAGE_TRITON_TARGET=triton:8001 triage run --bootstrap-server kafka:9092 \\",
                "      --registry-url http://registry:8080/apis/ccompat/v7"})
final class RunCommand implements Callable<Integer> {

    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws InterruptedException {
        TriageConfig triage = load();
        PrintWriter err = spec.commandLine().getErr();
        // The guard closes last: Ctrl-C waits until the pipeline has stopped and said so.
        try (InterruptGuard interrupt = InterruptGuard.install("triage-run", STOP_GRACE);
             TriagePipeline pipeline = TriagePipeline.start(triage)) {
            interrupt.onInterrupt(pipeline::close);
            err.printf("run: pipeline %s started; metrics and health on %s:%d (/metrics, /health/ready)%n",
                    triage.pipeline().applicationId(), triage.observability().bindAddress(), pipeline.metricsPort());
            err.flush();
            KafkaStreams.State state = pipeline.awaitStop();
            boolean failed = state == KafkaStreams.State.ERROR;
            err.println("run: pipeline stopped (" + state + ")");
            err.flush();
            return failed ? ExitCodes.INCOMPLETE : ExitCodes.OK;
        }
    }

    private TriageConfig load() {
        try {
            return TriageConfigLoader.load(config.sources(TriageCommand.environmentOf(spec)));
        } catch (TriageConfigException e) {
            throw ConfigOptions.withOptionHint(e);
        }
    }
}
