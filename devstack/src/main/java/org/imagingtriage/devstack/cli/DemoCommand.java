package org.imagingtriage.devstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.imagingtriage.devstack.ScratchDirectory;
import org.imagingtriage.devstack.demo.DemoOutcome;
import org.imagingtriage.devstack.demo.DemoSamples;
import org.imagingtriage.devstack.demo.DraftWatcher;
import org.imagingtriage.devstack.demo.LatencyTable;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.topology.cli.TriageCommand;
import org.imagingtriage.topology.config.DeidentificationSettings;
import org.imagingtriage.topology.config.HttpReferenceSettings;
import org.imagingtriage.topology.config.ImagingSettings;
import org.imagingtriage.topology.config.InferenceSettings;
import org.imagingtriage.topology.config.KafkaSettings;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.ObservabilitySettings;
import org.imagingtriage.topology.config.PipelineSettings;
import org.imagingtriage.topology.config.ProcessingGuarantee;
import org.imagingtriage.topology.config.PromptSettings;
import org.imagingtriage.topology.config.ReferenceScheme;
import org.imagingtriage.topology.config.RegistrySettings;
import org.imagingtriage.topology.config.TopicSettings;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TritonSettings;
import org.imagingtriage.topology.pipeline.PipelineSerdes;
import org.imagingtriage.topology.pipeline.TriagePipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code triage demo}: the whole pipeline on the embedded stack. An in-JVM KRaft broker, Apicurio
 * Registry, the Triton simulator serving the real MedGemma model configuration, the pipeline
 * itself, then {@code triage feed folder} on generated synthetic images; each draft is printed as
 * it arrives and a latency table closes the run.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Run the triage pipeline end to end on the embedded stack: an in-JVM Kafka broker (KRaft), Apicurio"
                        + " Registry, the Triton simulator on triton-models/model-repository (medgemma-4b-it), and the"
                        + " pipeline exactly as `triage run` starts it. It writes N synthetic images (chest CR/DX, CT,"
                        + " MR, skin, with sidecars) to a temporary folder, publishes them with `triage feed folder`"
                        + " (small ones inline, large ones as file:// references), prints every draft as it arrives"
                        + " and ends with a latency table (feed to pipeline, preprocess, inference, end to end).",
                "",
                "No GPU, no Docker, no patient data: every draft comes from the simulator and is marked SIMULATED;"
                        + " its text is not a finding. /metrics and /health/* are served while it runs.",
                "",
                "The review console starts with it: open the printed URL, sign in with the printed reviewer and"
                        + " password, and review the drafts as they arrive (one event every --pace-ms). The stack"
                        + " stays up for the reviewer once the run is done, until Ctrl-C; --no-console runs without"
                        + " it, publishes everything at once and exits when every event has its draft.",
                ""},
        footer = {
                "",
                "Exit codes: 0 every event became a draft; 1 some did not in time; 2 bad options.",
                "",
                "Examples:",
                "  ./triage demo                      20 events with the review console, until Ctrl-C",
                "  ./triage demo --no-console         20 events, then exit",
                "  ./triage demo --events 100 --profile medgemma-h100",
                "  ./triage demo --keep-running       stay up afterwards (Ctrl-C stops), e.g. to scrape /metrics"})
final class DemoCommand implements Callable<Integer> {

    /** Large sample images go by file:// reference, so the demo shows both payload kinds. */
    private static final int DEMO_INLINE_MAX_BYTES = 512 * 1024;
    private static final int MAX_EVENTS = 10_000;
    private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(2);
    private static final int CONSOLE_PACE_MS = 2000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "20",
            description = "Events to publish; the demo stops once each has its draft (or dead letter).")
    private int events;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "fast",
            description = "Simulator latency: instant, fast, medgemma-h100 (an estimate of one H100).")
    private String profile;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port for /metrics and /health/*; a free one is picked when it is taken. 0 = any.")
    private int metricsPort;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "600",
            description = "Give up waiting for drafts after S seconds.")
    private int timeoutSeconds;

    @Option(names = "--keep-running", description = "Keep the stack and pipeline up after the run until Ctrl-C "
            + "(always so with the review console).")
    private boolean keepRunning;

    @Option(names = "--no-console", description = "Run without the review console.")
    private boolean noConsole;

    @Option(names = "--console-port", paramLabel = "PORT", defaultValue = "8088",
            description = "The review console's port; a free one is picked when it is taken. 0 = any.")
    private int consolePort;

    @Option(names = "--pace-ms", paramLabel = "MS",
            description = "Publish one event every MS milliseconds, so drafts arrive while a reviewer watches. "
                    + "Default: " + CONSOLE_PACE_MS + " with the review console, 0 (all at once) without.")
    private Integer paceMs;

    @Override
    public Integer call() throws Exception {
        LatencyProfile latencyProfile = validatedOptions();
        PrintWriter out = spec.commandLine().getOut();
        out.println("triage demo: starting the embedded stack (about 20-40 s on two cores)");
        out.flush();
        Path inbox = Files.createTempDirectory("triage-demo-inbox");
        // Streams' state of this run only: the default (the temp directory's kafka-streams) would
        // carry the fixed demo application's state from one demo broker to the next.
        Path streamsState = Files.createTempDirectory("triage-demo-streams");
        try (EmbeddedStack stack = EmbeddedStack.start(latencyProfile)) {
            TriageConfig config = config(stack.bootstrapServers(), stack.registryUrl(), stack.tritonTarget(), inbox,
                    streamsState);
            try (TriagePipeline pipeline = TriagePipeline.start(config);
                 ReviewerFacingConsole console = ReviewerFacingConsole.startUnless(noConsole, config,
                         usablePort(consolePort))) {
                pipeline.awaitRunning(RUNNING_TIMEOUT);
                out.printf("  Kafka (in-JVM KRaft)    %s%n", stack.bootstrapServers());
                out.printf("  Schema registry         %s (Apicurio, Confluent API)%n", stack.registryUrl());
                out.printf("  Triton simulator        %s, %s, profile %s (outputs marked SIMULATED)%n",
                        stack.tritonTarget(), MedGemmaContract.MODEL_NAME, profile);
                out.printf("  Pipeline                %s, exactly_once_v2, model version %s%n",
                        config.pipeline().applicationId(), String.join(",", pipeline.model().versions()));
                out.printf("  Metrics and health      http://127.0.0.1:%d/metrics  /health/ready%n",
                        pipeline.metricsPort());
                console.printSignIn(out);
                out.println();
                int pace = paceMs != null ? paceMs : noConsole ? 0 : CONSOLE_PACE_MS;
                Thread feeder = startFeeding(config, stack.registryUrl(), inbox, pace, out);
                LatencyTable latency = new LatencyTable();
                DemoOutcome outcome = new DraftWatcher(
                        watcherConsumer(config), config.topics().drafts().name(), config.topics().deadLetters().name(),
                        PipelineSerdes.create(config.serdeConfig(), new SchemaRegistryClient(config.registry().clientConfig())),
                        out, latency).watch(events, Duration.ofSeconds(timeoutSeconds));
                feeder.interrupt();
                feeder.join(Duration.ofSeconds(30).toMillis());
                out.println();
                latency.print(out);
                out.printf("%n%d events: %d drafts (%d marked simulated), %d dead letters%s%n", events,
                        outcome.drafts(), outcome.simulatedDrafts(), outcome.deadLetters(),
                        outcome.complete() ? "" : "; gave up waiting after " + timeoutSeconds + " s");
                out.println("Drafts are never diagnoses; these come from a simulator and say nothing about the images.");
                out.flush();
                if (keepRunning || !noConsole) {
                    awaitInterrupt(out, console);
                }
                return outcome.complete() && outcome.drafts() == events ? 0 : 1;
            }
        } finally {
            ScratchDirectory.delete(inbox);
            ScratchDirectory.delete(streamsState);
        }
    }

    private LatencyProfile validatedOptions() {
        if (events < 1 || events > MAX_EVENTS) {
            throw new ParameterException(spec.commandLine(), "--events must be between 1 and " + MAX_EVENTS);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout-s must be positive");
        }
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--metrics-port must be between 0 and 65535");
        }
        if (consolePort < 0 || consolePort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--console-port must be between 0 and 65535");
        }
        if (paceMs != null && (paceMs < 0 || paceMs > 60_000)) {
            throw new ParameterException(spec.commandLine(), "--pace-ms must be between 0 and 60000");
        }
        long pacedSeconds = (long) events * (paceMs != null ? paceMs : noConsole ? 0 : CONSOLE_PACE_MS) / 1000;
        if (pacedSeconds >= timeoutSeconds) {
            throw new ParameterException(spec.commandLine(), "publishing " + events + " events at --pace-ms takes "
                    + pacedSeconds + " s, longer than --timeout-s " + timeoutSeconds);
        }
        try {
            return LatencyProfile.named(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
    }

    private TriageConfig config(String bootstrapServers, String registryUrl, String tritonTarget, Path inbox,
                                Path stateDirectory) {
        LimitSettings defaults = LimitSettings.defaults();
        LimitSettings limits = new LimitSettings(defaults.maxInlineImageBytes(), defaults.maxReferenceImageBytes(),
                defaults.maxDecodedPixels(), Set.of(ReferenceScheme.FILE), Optional.of(inbox.toAbsolutePath()));
        return new TriageConfig(new KafkaSettings(Map.of("bootstrap.servers", bootstrapServers,
                        "state.dir", stateDirectory.toAbsolutePath().toString())),
                new PipelineSettings("triage-demo", ProcessingGuarantee.EXACTLY_ONCE_V2),
                RegistrySettings.forUrl(registryUrl), TritonSettings.defaults(tritonTarget), TopicSettings.defaults(),
                PromptSettings.shipped(), limits, HttpReferenceSettings.defaults(), DeidentificationSettings.defaults(),
                ImagingSettings.defaults(),
                InferenceSettings.defaults(),
                new ObservabilitySettings(ObservabilitySettings.DEFAULT_BIND_ADDRESS, usablePort(metricsPort)));
    }

    /**
     * Writes the samples and publishes them from a thread of its own, all at once or one every
     * {@code paceMs}, while the caller watches the drafts come.
     */
    private Thread startFeeding(TriageConfig config, String registryUrl, Path inbox, int paceMs, PrintWriter out) {
        if (paceMs == 0) {
            DemoSamples.writeTo(inbox, events);
            feed(config, registryUrl, inbox, inbox, out);
            return new Thread(() -> { });
        }
        out.printf("Publishing one event every %d ms with `triage feed folder` (--pace-ms)%n%n", paceMs);
        out.flush();
        Thread feeder = new Thread(() -> {
            try {
                for (int i = 0; i < events && !Thread.currentThread().isInterrupted(); i++) {
                    Path part = Files.createDirectories(inbox.resolve(String.format(Locale.ROOT, "part-%04d", i + 1)));
                    DemoSamples.writeTo(part, i, 1);
                    // One feed run per event: its output is shown only when it fails.
                    StringWriter feedOutput = new StringWriter();
                    try {
                        feed(config, registryUrl, inbox, part, new PrintWriter(feedOutput));
                    } catch (RuntimeException e) {
                        out.print(feedOutput);
                        throw e;
                    }
                    Thread.sleep(paceMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                out.println("the demo's feed stopped: " + e.getMessage());
                out.flush();
            }
        }, "triage-demo-feed");
        feeder.setDaemon(true);
        feeder.start();
        return feeder;
    }

    /** Publishes {@code folder} (under {@code inbox}, the reference root) exactly as an operator would, through `triage feed folder`. */
    private void feed(TriageConfig config, String registryUrl, Path inbox, Path folder, PrintWriter out) {
        Map<String, String> environment = Map.of(
                "TRIAGE_LIMITS_REFERENCE_SCHEMES", ReferenceScheme.FILE.configValue(),
                "TRIAGE_LIMITS_REFERENCE_FILE_ROOT", inbox.toAbsolutePath().toString());
        CommandLine triage = TriageCommand.commandLine(environment);
        triage.setOut(out);
        triage.setErr(out);
        out.println("$ triage feed folder --inline-max-bytes " + DEMO_INLINE_MAX_BYTES + " " + folder);
        int exit = triage.execute("feed", "folder", "--bootstrap-server", config.kafka().bootstrapServers(),
                "--registry-url", registryUrl,
                "--source", "triage-demo", "--inline-max-bytes", String.valueOf(DEMO_INLINE_MAX_BYTES),
                folder.toString());
        if (exit != 0) {
            throw new IllegalStateException("triage feed folder exited with " + exit + "; see its output above");
        }
        out.println();
        out.flush();
    }

    private static Map<String, Object> watcherConsumer(TriageConfig config) {
        Map<String, Object> consumer = new HashMap<>(config.consumerConfig());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "triage-demo-watcher-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return consumer;
    }

    /** The requested port when it is free, else 0 (any): a second demo must not fail on the port. */
    private static int usablePort(int requested) {
        if (requested == 0) {
            return 0;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requested));
            return requested;
        } catch (IOException taken) {
            return 0;
        }
    }

    /** Until Ctrl-C, or until this thread is interrupted (how a test ends a demo). */
    private static void awaitInterrupt(PrintWriter out, ReviewerFacingConsole console) {
        out.println();
        console.printStillOpen(out);
        out.println("The stack and the pipeline stay up: press Ctrl-C to stop them.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(stopped::countDown, "triage-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // The interrupt is the stop request itself, consumed here: the stack's clients must then
            // close normally, which they would not with the flag still set.
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already running its hooks.
            }
        }
    }
}
