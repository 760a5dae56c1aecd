package org.imagingtriage.topology.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.config.ImagingConfig;
import org.imagingtriage.topology.config.ObservabilitySettings;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.pipeline.ImagingStages;
import org.imagingtriage.topology.review.decision.KafkaReviewDesk;
import org.imagingtriage.topology.review.image.ReviewImages;
import org.imagingtriage.topology.review.terminal.TerminalReviewer;
import org.imagingtriage.topology.review.web.ReviewConsole;
import org.imagingtriage.topology.review.web.ReviewConsoleSettings;
import org.imagingtriage.topology.review.web.PasswordHashes;
import org.imagingtriage.topology.review.web.ReviewerAccounts;
import org.imagingtriage.topology.review.web.ReviewerIdentity;
import org.imagingtriage.topology.review.DraftPrinter;
import org.imagingtriage.topology.review.DraftReviewer;
import org.imagingtriage.topology.review.ReviewOptions;
import org.imagingtriage.topology.review.ReviewOutcome;
import org.imagingtriage.topology.review.StartPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code triage review}: the worklist of drafts for a reviewer, in the terminal (keys accept, edit or
 * reject), in a browser ({@code --web}), or as a read-only tail of the drafts ({@code --tail}).
 */
@Command(name = "review",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        description = {
                "Review drafts. Three ways:",
                "",
                "  (default) the worklist in this terminal: pending drafts most urgent first, the selected one in "
                        + "full; a accept, e edit, r reject, n/p next and previous, a number selects, Enter refreshes, "
                        + "q quits. Decisions go to the reviews topic (topics.reviews.name) as --reviewer.",
                "  --web   the review console in a browser: a live worklist (urgent first; filters by modality, "
                        + "urgency and age), each draft with its image, text, critical findings, provenance and "
                        + "latency, and accept / edit / reject. The reviewer signs in (--users-file) or is named by an "
                        + "authenticating proxy's header (--identity-header). /metrics and /health/* on --metrics-port.",
                "  --tail  print drafts as they come, read-only (below).",
                "",
                "Both worklists read the drafts and reviews topics from their beginnings, so they show every "
                        + "image's current draft and its decision; every action is written exactly once, also when "
                        + "it is retried.",
                "",
                "--tail prints each draft of the drafts topic (topics.drafts.name) compactly: urgency, priority, "
                        + "modality, SOP Instance UID, critical findings, the first lines of the draft text, "
                        + "latencies (end to end, feed to pipeline, preprocess, inference), model and version, "
                        + "SIMULATED when the Triton simulator wrote it, and its disclaimer.",
                "",
                "Reads committed drafts only (read_committed). The drafts of each poll are printed most urgent "
                        + "first: urgency URGENT, UNCERTAIN, ROUTINE, then priority STAT, URGENT, ROUTINE, then "
                        + "arrival. A record that is not a readable draft is reported with its topic, partition and "
                        + "offset, and skipped. Drafts go to stdout, the closing line to stderr; Ctrl-C stops.",
                "",
                "A draft is never a diagnosis: a qualified clinician reviews every one.",
                ""},
        footer = {
                "",
                "Exit codes: 0 stopped normally; 1 unreadable records were skipped, or the registry or brokers "
                        + "failed; 2 bad options or configuration.",
                "",
                "Examples:",
                "  review in the terminal:",
                "    triage review --config triage.properties --reviewer dr-lee",
                "  the web console, reviewers signing in with accounts from a users file:",
                "    triage review --web --users-file reviewers.txt --config triage.properties",
                "  make a users-file line (the password read without echo, then piped in):",
                "    read -rs PASSWORD && printf '%s\\n' \"$PASSWORD\" | triage review --hash-password dr-lee >> reviewers.txt",
                "  the web console behind an authenticating proxy that sets X-Forwarded-User:",
                "    triage review --web --identity-header X-Forwarded-User --bind 0.0.0.0",
                "  new drafts as they come, read-only, until Ctrl-C:",
                "    triage review --tail",
                "  the first 20 drafts the topic holds:",
                "    triage review --tail --from-beginning --max 20",
                "  every draft, then stop after 5 s without one:",
                "    triage review --tail --from-beginning --timeout-ms 5000",
                "  resume where the group left off:",
                "    triage review --tail --group reading-room-1"})
final class ReviewCommand implements Callable<Integer> {

    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);
    private static final int DEFAULT_CONSOLE_METRICS_PORT = 9465;

    @Spec
    private CommandSpec spec;

    @Option(names = "--web", order = 1, description = "Serve the web review console.")
    private boolean web;

    @Option(names = "--tail", order = 2, description = "Print drafts as they come, read-only.")
    private boolean tail;

    @Option(names = "--hash-password", paramLabel = "NAME", order = 3,
            description = "Print a users-file line for reviewer NAME, with the password read from the terminal "
                    + "(or the first line of stdin), and exit.")
    private String hashPasswordFor;

    @Option(names = "--reviewer", paramLabel = "NAME", order = 10,
            description = "Terminal worklist: who decides (a login or staff id). Default: the OS user name.")
    private String reviewer;

    @Option(names = "--users-file", paramLabel = "FILE", order = 20,
            description = "--web: reviewers sign in with NAME:HASH lines of FILE (see --hash-password).")
    private Path usersFile;

    @Option(names = "--identity-header", paramLabel = "HEADER", order = 21,
            description = "--web: the reviewer is named by this request header, set by an authenticating proxy "
                    + "(e.g. X-Forwarded-User). Only safe when the console is reachable through that proxy alone.")
    private String identityHeader;

    @Option(names = "--bind", paramLabel = "ADDRESS", order = 22, defaultValue = "127.0.0.1",
            description = "--web: the interface the console and its metrics listen on.")
    private String bindAddress;

    @Option(names = "--port", paramLabel = "PORT", order = 23, defaultValue = "" + ReviewConsoleSettings.DEFAULT_PORT,
            description = "--web: the console's port; 0 picks a free one.")
    private int port;

    @Option(names = "--metrics-port", paramLabel = "PORT", order = 24, defaultValue = "" + DEFAULT_CONSOLE_METRICS_PORT,
            description = "--web: /metrics and /health/* port; 0 picks a free one.")
    private int metricsPort;

    @Option(names = "--worklist-capacity", paramLabel = "N", order = 25,
            defaultValue = "" + KafkaReviewDesk.DEFAULT_WORKLIST_CAPACITY,
            description = "Worklists: drafts held at most; beyond it the oldest decided, then the oldest pending, go.")
    private int worklistCapacity;

    @Option(names = "--from-beginning", order = 30,
            description = "--tail: start with the oldest draft the topic holds; default: only drafts published from "
                    + "now on.")
    private boolean fromBeginning;

    @Option(names = "--group", paramLabel = "ID", order = 31,
            description = "--tail: consumer group that remembers what was printed, to resume there next time. "
                    + "Default: none (every partition read, nothing committed).")
    private String group;

    @Option(names = "--max", paramLabel = "N", order = 32, description = "--tail: stop after printing N drafts.")
    private Long max;

    @Option(names = "--timeout-ms", paramLabel = "MS", order = 33,
            description = "--tail: stop after MS milliseconds without a record.")
    private Long timeoutMs;

    @Option(names = "--lines", paramLabel = "N", order = 34, defaultValue = "" + ReviewOptions.DEFAULT_TEXT_LINES,
            description = "--tail: lines of each draft's text to print.")
    private int lines;

    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws IOException {
        requireOneMode();
        if (hashPasswordFor != null) {
            return hashPassword();
        }
        if (tail) {
            return tail();
        }
        return web ? web() : terminal();
    }

    private void requireOneMode() {
        int modes = (web ? 1 : 0) + (tail ? 1 : 0) + (hashPasswordFor != null ? 1 : 0);
        if (modes > 1) {
            throw new ParameterException(spec.commandLine(), "choose one of --web, --tail and --hash-password");
        }
        boolean tailOptions = fromBeginning || group != null || max != null || timeoutMs != null;
        if (tailOptions && !tail) {
            throw new ParameterException(spec.commandLine(),
                    "--from-beginning, --group, --max and --timeout-ms apply to --tail only");
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        boolean webOptions = usersFile != null || identityHeader != null
                || parsed.hasMatchedOption("--bind") || parsed.hasMatchedOption("--port")
                || parsed.hasMatchedOption("--metrics-port");
        if (webOptions && !web) {
            throw new ParameterException(spec.commandLine(),
                    "--users-file, --identity-header, --bind, --port and --metrics-port apply to --web only");
        }
        if (reviewer != null && (web || tail || hashPasswordFor != null)) {
            throw new ParameterException(spec.commandLine(), "--reviewer applies to the terminal worklist only "
                    + "(the console's reviewers sign in or come from the identity header)");
        }
        if (worklistCapacity < 1) {
            throw new ParameterException(spec.commandLine(), "--worklist-capacity must be at least 1");
        }
    }

    private int hashPassword() throws IOException {
        if (!ReviewerAccounts.validName(hashPasswordFor)) {
            throw new ParameterException(spec.commandLine(),
                    "--hash-password: a reviewer name is 1 to 64 of A-Z a-z 0-9 . _ @ -");
        }
        char[] password;
        try {
            password = PasswordPrompt.read(spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--hash-password: " + e.getMessage());
        }
        try {
            spec.commandLine().getOut().println(hashPasswordFor + ":" + new PasswordHashes(new SecureRandom()).hash(password));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private int web() throws IOException {
        ReviewConsoleSettings settings = consoleSettings();
        Map<String, String> environment = TriageCommand.environmentOf(spec);
        TriageClientConfig client = config.loadClient(environment);
        ImagingConfig imaging = config.loadImaging(environment);
        PrintWriter out = spec.commandLine().getOut();
        try (InterruptGuard interrupt = InterruptGuard.install("triage-review-web", INTERRUPT_GRACE);
             ReviewImages images = ReviewImages.start(client, ImagingStages.from(imaging));
             ReviewConsole console = ReviewConsole.start(client, settings,
                     new ObservabilitySettings(bindAddress, metricsPort), images.source(), worklistCapacity)) {
            CountDownLatch stopped = new CountDownLatch(1);
            interrupt.onInterrupt(stopped::countDown);
            out.printf("Review console: http://%s:%d/  (metrics http://%s:%d/metrics)%n", hostForUrl(bindAddress),
                    console.port(), hostForUrl(bindAddress), console.metricsPort());
            out.println("Drafts are never diagnoses: a qualified clinician reviews every one. Ctrl-C stops.");
            out.flush();
            awaitQuietly(stopped);
            return ExitCodes.OK;
        }
    }

    private int terminal() {
        String name = reviewer != null ? reviewer : System.getProperty("user.name", "");
        if (!ReviewerAccounts.validName(name)) {
            throw new ParameterException(spec.commandLine(),
                    "--reviewer: a reviewer name is 1 to 64 of A-Z a-z 0-9 . _ @ - (the OS user name is not one)");
        }
        TriageClientConfig client = config.loadClient(TriageCommand.environmentOf(spec));
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaReviewDesk desk = KafkaReviewDesk.start(client, worklistCapacity, "triage-review-terminal")) {
            out.println("reading the drafts and reviews topics...");
            out.flush();
            desk.feed().caughtUp().join();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            new TerminalReviewer(desk.worklist(), desk.desk(), name, in, out, UUID::randomUUID,
                    Clock.systemDefaultZone()).run();
            return ExitCodes.OK;
        }
    }

    private ReviewConsoleSettings consoleSettings() {
        if ((usersFile == null) == (identityHeader == null)) {
            throw new ParameterException(spec.commandLine(),
                    "--web needs exactly one of --users-file (reviewers sign in) and --identity-header (a proxy "
                            + "names them)");
        }
        try {
            ReviewerIdentity identity = usersFile != null
                    ? new ReviewerIdentity.Login(ReviewerAccounts.load(usersFile, new PasswordHashes(new SecureRandom())))
                    : new ReviewerIdentity.Header(identityHeader);
            return new ReviewConsoleSettings(bindAddress, port, identity, ReviewConsoleSettings.DEFAULT_MAX_STREAMS,
                    ReviewConsoleSettings.DEFAULT_SESSION_IDLE);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "--users-file: " + e.getMessage());
        }
    }

    /** A wildcard bind is reachable as localhost from this machine. */
    private static String hostForUrl(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static void awaitQuietly(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int tail() {
        ReviewOptions options = options();
        TriageClientConfig client = config.loadClient(TriageCommand.environmentOf(spec));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpecificAvroSerde<DraftFinding> serde = new SpecificAvroSerde<>(DraftFinding.class);
        serde.configure(client.serdeConfig(), false);
        String topic = client.topics().drafts().name();
        try (InterruptGuard interrupt = InterruptGuard.install("triage-review", INTERRUPT_GRACE)) {
            ReviewOutcome outcome;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(client, options),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                DraftReviewer reviewer = new DraftReviewer(consumer, serde.deserializer(), topic, options,
                        new DraftPrinter(out, options.textLines()), System::nanoTime);
                interrupt.onInterrupt(reviewer::stop);
                outcome = reviewer.run();
            }
            err.println("review: " + outcome.printed() + " draft(s) printed, " + outcome.undeserializable()
                    + " unreadable record(s) skipped; " + describe(outcome.reason()));
            err.flush();
            return outcome.undeserializable() == 0 ? ExitCodes.OK : ExitCodes.INCOMPLETE;
        }
    }

    private ReviewOptions options() {
        try {
            return new ReviewOptions(fromBeginning ? StartPosition.BEGINNING : StartPosition.END,
                    Optional.ofNullable(group), max == null ? OptionalLong.empty() : OptionalLong.of(max),
                    Optional.ofNullable(timeoutMs).map(Duration::ofMillis), lines);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** read_committed from the configuration; a group only when asked for, and committed by the reviewer itself. */
    private static Map<String, Object> consumerConfig(TriageClientConfig client, ReviewOptions options) {
        Map<String, Object> consumer = client.consumerConfig();
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                options.start() == StartPosition.BEGINNING ? "earliest" : "latest");
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        options.group().ifPresent(id -> consumer.put(ConsumerConfig.GROUP_ID_CONFIG, id));
        consumer.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "triage-review");
        return consumer;
    }

    private String describe(ReviewOutcome.StopReason reason) {
        return switch (reason) {
            case MAX_REACHED -> "stopped after --max " + max;
            case IDLE -> "stopped after " + timeoutMs + " ms without a record";
            case STOPPED -> "stopped";
        };
    }
}
