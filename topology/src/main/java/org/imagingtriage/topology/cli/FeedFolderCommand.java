package org.imagingtriage.topology.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.feed.EventDefaults;
import org.imagingtriage.topology.feed.FeedConsole;
import org.imagingtriage.topology.feed.FeedPlan;
import org.imagingtriage.topology.feed.FeedPlanException;
import org.imagingtriage.topology.feed.FeedPlanner;
import org.imagingtriage.topology.feed.FeedSettings;
import org.imagingtriage.topology.feed.FeedSummary;
import org.imagingtriage.topology.feed.FolderFeed;
import org.imagingtriage.topology.feed.FolderWatch;
import org.imagingtriage.topology.feed.ImageEventFactory;
import org.imagingtriage.topology.feed.PayloadPolicy;
import org.imagingtriage.topology.feed.ReferenceCheck;
import org.imagingtriage.topology.feed.SidecarReader;
import org.imagingtriage.topology.feed.TopicRouter;
import org.imagingtriage.topology.feed.WatchServiceNotices;
import org.imagingtriage.topology.feed.WatchSettings;
import org.imagingtriage.topology.imaging.deid.IdentifyingAttributes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code triage feed folder DIR}: publishes the images of a folder. */
@Command(name = "folder",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        description = {
                "Publish every PNG, JPEG and DICOM file in DIR as an ImageEvent. Formats are recognised by the "
                        + "files' signatures, not their extensions; other files are reported and skipped.",
                "",
                "Images up to --inline-max-bytes travel inside the event; larger ones as a reference (a file URI "
                        + "with their SHA-256 and size) that the pipeline reads under limits.reference.file.root; a "
                        + "warning says when the configuration would make the pipeline refuse one.",
                "",
                "Metadata: an optional sidecar <image file name>.json beside each image (chest-01.png.json), with "
                        + "the keys modality, bodyPart, priority (STAT, URGENT, ROUTINE), studyInstanceUid, "
                        + "seriesInstanceUid, sopInstanceUid and attributes (an object of strings, never patient "
                        + "identity). The options below apply to images whose sidecar does not say. Missing UIDs "
                        + "are minted as 2.25.<UUID>: one study per pass, one series per directory. DICOM files need a "
                        + "modality from a sidecar or --modality: their headers are not read yet.",
                "",
                "A wrong sidecar, a DICOM file without modality or a SOP Instance UID given twice stops the run "
                        + "before anything is sent. Every send is acknowledged by all in-sync replicas "
                        + "(acks=all, idempotent producer) before the summary. File names are printed here only, "
                        + "never put in events or logs.",
                "",
                "--watch keeps running until Ctrl-C and publishes images as they appear (renamed in or copied): "
                        + "each once it and its sidecar have not changed for --settle-ms, so half-copied files are "
                        + "never read. A sidecar must be in place before its image has settled (arriving, it "
                        + "restarts the wait); one that comes after the image was published is ignored. Hidden "
                        + "and temporary files (.name, *.part, *.tmp, *.filepart) are ignored. "
                        + "Images already in DIR go first unless --skip-existing. A wrong sidecar or an unreadable "
                        + "file is reported and the watch goes on; fixing the sidecar retries the image.",
                ""},
        footer = {
                "",
                "Exit codes: 0 all published; 1 some skipped (unknown files only with --skip-unknown: 0), failed "
                        + "or not sent; 2 nothing sent (bad options, configuration or metadata).",
                "",
                "Sidecar example (chest-01.png.json):",
                "  {\"modality\": \"CR\", \"bodyPart\": \"CHEST\", \"priority\": \"STAT\",",
                "   \"attributes\": {\"manufacturerModel\": \"DRX-1\"}}",
                "",
                "Examples:",
                "  triage feed folder --config triage.properties --modality CR inbox/",
                "  triage feed folder --dry-run --recursive --skip-unknown exports/",
                "  triage feed folder --priority STAT --inline-max-bytes 0 stat/",
                "  triage feed folder --repeat 50 --interval-ms 20 samples/",
                "  triage feed folder --watch --skip-existing --recursive --settle-ms 5000 /srv/inbox"})
final class FeedFolderCommand implements Callable<Integer> {

    /** Longer than Kafka's default delivery.timeout.ms (120 s): Ctrl-C still sees every acknowledgement. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(150);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder of images.")
    private Path directory;

    @Option(names = {"-r", "--recursive"}, description = "Also publish the images in DIR's subdirectories.")
    private boolean recursive;

    @Option(names = "--modality", paramLabel = "CODE",
            description = "DICOM modality code (CR, DX, CT, MR, XC...) for images whose sidecar names none. "
                    + "Default: OT (other) for PNG and JPEG; DICOM files must have one.")
    private String modality;

    @Option(names = "--body-part", paramLabel = "CODE",
            description = "DICOM body part code (CHEST, HEAD...) for images whose sidecar names none. Default: none.")
    private String bodyPart;

    @Option(names = "--priority", paramLabel = "STAT|URGENT|ROUTINE", defaultValue = "ROUTINE",
            description = "Priority for images whose sidecar names none; STAT and URGENT go to the priority topic.")
    private Priority priority;

    @Option(names = "--source", paramLabel = "ID",
            description = "The feed's identifier in every event. Default: folder:<absolute DIR>.")
    private String source;

    @Option(names = "--deidentified-method", paramLabel = "TEXT",
            defaultValue = EventDefaults.DEFAULT_DEIDENTIFICATION_METHOD,
            description = "How the images were de-identified: the feed's claim, which the pipeline still checks.")
    private String deidentifiedMethod;

    @Option(names = "--not-deidentified",
            description = "Do not claim de-identification (the pipeline refuses such events unless configured to "
                    + "allow them).")
    private boolean notDeidentified;

    @Option(names = "--inline-max-bytes", paramLabel = "N",
            description = "Largest image sent inline; larger ones go by reference; 0 sends all by reference. "
                    + "Default and maximum: limits.max.inline.image.bytes.")
    private Long inlineMaxBytes;

    @Option(names = "--skip-unknown",
            description = "Files without an image signature are expected: they are still listed, but do not make "
                    + "the exit code 1.")
    private boolean skipUnknown;

    @Option(names = "--dry-run", description = "List what would be published; read no image, send nothing.")
    private boolean dryRun;

    @Option(names = "--watch",
            description = "Keep running until Ctrl-C, publishing the images that appear in DIR once complete.")
    private boolean watch;

    @Option(names = "--settle-ms", paramLabel = "MS", defaultValue = "2000",
            description = "With --watch: publish a file once it and its sidecar have not changed for this long; "
                    + "DIR is also rescanned this often.")
    private long settleMs;

    @Option(names = "--skip-existing",
            description = "With --watch: do not publish the images already in DIR when the watch starts.")
    private boolean skipExisting;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Publish the folder N times (load tests); each pass mints new UIDs.")
    private int repeat;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "0",
            description = "Pause between two sends, to pace a load.")
    private long intervalMs;

    @Option(names = "--progress-every", paramLabel = "N", defaultValue = "100",
            description = "Print progress every N acknowledged images (and at least every 2 s).")
    private int progressEvery;

    @Option(names = {"-v", "--verbose"}, description = "Print a line per published image.")
    private boolean verbose;

    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), "DIR is not a directory: " + directory);
        }
        Path root = directory.toAbsolutePath().normalize();
        EventDefaults defaults = eventDefaults(root);
        FeedSettings settings = settings();
        Optional<WatchSettings> watching = watchSettings();

        TriageClientConfig client = config.loadClient(TriageCommand.environmentOf(spec));
        PayloadPolicy payloads = option(() -> PayloadPolicy.forLimits(client.limits(), inlineMaxBytes));
        FeedPlanner planner = new FeedPlanner(defaults, payloads, new SidecarReader(IdentifyingAttributes.defaults()));
        if (watching.isPresent()) {
            warnIfNotDeidentified(defaults, err);
            FeedSummary summary = watch(root, watching.get(), planner, feed(settings, defaults, client, out), client);
            return summary.succeeded(skipUnknown) ? ExitCodes.OK : ExitCodes.INCOMPLETE;
        }
        FeedPlan plan;
        try {
            plan = planner.plan(root, recursive);
        } catch (FeedPlanException e) {
            err.println(spec.qualifiedName() + ": " + e.problems().size() + " metadata problem(s); nothing was sent:");
            e.problems().forEach(problem -> err.println("  " + problem));
            err.flush();
            return ExitCodes.USAGE;
        }
        warnIfNotDeidentified(defaults, err);

        FolderFeed feed = feed(settings, defaults, client, out);
        FeedSummary summary = dryRun ? feed.dryRun(plan) : publish(feed, plan, client);
        return summary.succeeded(skipUnknown) ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    private static FolderFeed feed(FeedSettings settings, EventDefaults defaults, TriageClientConfig client,
                                   PrintWriter out) throws IOException {
        return new FolderFeed(settings, ImageEventFactory.standard(defaults), TopicRouter.from(client.topics()),
                ReferenceCheck.forLimits(client.limits()), new FeedConsole(out), System::nanoTime);
    }

    private static void warnIfNotDeidentified(EventDefaults defaults, PrintWriter err) {
        if (!defaults.deidentificationAsserted()) {
            err.println("warning: --not-deidentified: the pipeline dead-letters these events "
                    + "(DEIDENTIFICATION_NOT_ASSERTED) unless its policy allows them");
            err.flush();
        }
    }

    private FeedSummary publish(FolderFeed feed, FeedPlan plan, TriageClientConfig client)
            throws InterruptedException {
        // The guard closes last: Ctrl-C waits until the producer is closed and the summary printed.
        try (InterruptGuard interrupt = InterruptGuard.install("triage-feed", INTERRUPT_GRACE);
             KafkaProducer<String, ImageEvent> producer = producer(client)) {
            interrupt.onInterrupt(feed::cancel);
            return feed.publish(plan, producer);
        }
    }

    private FeedSummary watch(Path root, WatchSettings watching, FeedPlanner planner, FolderFeed feed,
                              TriageClientConfig client) throws IOException, InterruptedException {
        // Closed in reverse: the notices, the producer (after the summary), the guard last.
        try (InterruptGuard interrupt = InterruptGuard.install("triage-feed", INTERRUPT_GRACE);
             KafkaProducer<String, ImageEvent> producer = producer(client);
             WatchServiceNotices notices = WatchServiceNotices.open(root.getFileSystem())) {
            FolderWatch folderWatch = new FolderWatch(root, watching, planner, feed,
                    new FeedConsole(spec.commandLine().getOut()), notices, System::nanoTime);
            interrupt.onInterrupt(folderWatch::cancel);
            return folderWatch.run(producer);
        }
    }

    private static KafkaProducer<String, ImageEvent> producer(TriageClientConfig client) {
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(client.serdeConfig(), false);
        return new KafkaProducer<>(producerConfig(client), new StringSerializer(), serde.serializer());
    }

    /** The configured producer, made durable whatever the file says: an image event is not lost quietly. */
    private static Map<String, Object> producerConfig(TriageClientConfig client) {
        Map<String, Object> producer = client.producerConfig();
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "triage-feed");
        return producer;
    }

    private EventDefaults eventDefaults(Path root) {
        Optional<String> method = FeedOptionChecks.claimedMethod(spec, notDeidentified, deidentifiedMethod);
        return option(() -> new EventDefaults(Optional.ofNullable(modality), Optional.ofNullable(bodyPart),
                priority, source == null ? "folder:" + root : source, !notDeidentified, method));
    }

    private FeedSettings settings() {
        if (intervalMs < 0) {
            throw new ParameterException(spec.commandLine(), "--interval-ms must not be negative");
        }
        return option(() -> new FeedSettings(repeat, Duration.ofMillis(intervalMs), verbose, progressEvery,
                FeedSettings.DEFAULT_PROGRESS_INTERVAL));
    }

    /** The watch's settings with --watch; the one-shot options it cannot honour are usage errors. */
    private Optional<WatchSettings> watchSettings() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (!watch) {
            if (skipExisting || parsed.hasMatchedOption("--settle-ms")) {
                throw new ParameterException(spec.commandLine(), "--skip-existing and --settle-ms need --watch");
            }
            return Optional.empty();
        }
        if (dryRun) {
            throw new ParameterException(spec.commandLine(), "--watch and --dry-run exclude each other: a dry run "
                    + "lists DIR once; run it without --watch first");
        }
        if (repeat > 1 || intervalMs > 0) {
            throw new ParameterException(spec.commandLine(), "--watch publishes each new image once: --repeat "
                    + "and --interval-ms replay a folder for load and do not apply");
        }
        return Optional.of(option(() -> new WatchSettings(Duration.ofMillis(settleMs), skipExisting, recursive)));
    }

    private <T> T option(java.util.function.Supplier<T> build) {
        return FeedOptionChecks.valid(spec, build);
    }
}
