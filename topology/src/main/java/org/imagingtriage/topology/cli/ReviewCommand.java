package org.imagingtriage.topology.cli;

import java.io.PrintWriter;
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
import org.imagingtriage.topology.config.TriageClientConfig;
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
import picocli.CommandLine.Spec;

/** {@code triage review}: prints drafts for a reviewer's terminal. */
@Command(name = "review",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        description = {
                "Tail the drafts topic (topics.drafts.name) and print each draft compactly: urgency, priority, "
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
                "  new drafts as they come, until Ctrl-C:",
                "    triage review --config triage.properties",
                "  the first 20 drafts the topic holds:",
                "    triage review --from-beginning --max 20",
                "  every draft, then stop after 5 s without one:",
                "    triage review --from-beginning --timeout-ms 5000",
                "  resume where the group left off:",
                "    triage review --group reading-room-1"})
final class ReviewCommand implements Callable<Integer> {

    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Option(names = "--from-beginning",
            description = "Start with the oldest draft the topic holds; default: only drafts published from now on.")
    private boolean fromBeginning;

    @Option(names = "--group", paramLabel = "ID",
            description = "Consumer group that remembers what was printed, to resume there next time. Default: none "
                    + "(every partition read, nothing committed).")
    private String group;

    @Option(names = "--max", paramLabel = "N", description = "Stop after printing N drafts.")
    private Long max;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Stop after MS milliseconds without a record.")
    private Long timeoutMs;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "" + ReviewOptions.DEFAULT_TEXT_LINES,
            description = "Lines of each draft's text to print.")
    private int lines;

    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() {
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
