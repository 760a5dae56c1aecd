package org.imagingtriage.topology.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.config.ConfigKeys;
import org.imagingtriage.topology.config.TriageConfigException;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.config.TriageFeedConfig;
import org.imagingtriage.topology.feed.EventDefaults;
import org.imagingtriage.topology.feed.orthanc.FollowMode;
import org.imagingtriage.topology.feed.orthanc.OrthancException;
import org.imagingtriage.topology.feed.orthanc.OrthancFeed;
import org.imagingtriage.topology.feed.orthanc.FeedHeartbeat;
import org.imagingtriage.topology.feed.orthanc.HeartbeatFile;
import org.imagingtriage.topology.feed.orthanc.OrthancFeedOptions;
import org.imagingtriage.topology.feed.orthanc.OrthancFeedSession;
import org.imagingtriage.topology.feed.orthanc.OrthancFeedSummary;
import org.imagingtriage.topology.feed.orthanc.PriorityRule;
import org.imagingtriage.topology.feed.orthanc.PriorityRules;
import org.imagingtriage.topology.feed.orthanc.StartPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code triage feed orthanc}: follows a research Orthanc and publishes its instances. */
@Command(name = "orthanc",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        description = {
                "Follow Orthanc's change log (/changes) and publish an ImageEvent per DICOM instance: the file "
                        + "inline up to --inline-max-bytes, larger ones as a reference to Orthanc's "
                        + "/instances/{id}/file with their SHA-256 and size, which the pipeline fetches (configure "
                        + "references.http.* there). UIDs, modality and body part come from the instance's tags; "
                        + "priority from the --priority-rule table.",
                "",
                "Exactly once: events, the marks of published SOP Instance UIDs and the feed's position are "
                        + "written in Kafka transactions to the events topics and the compacted feed.state.topic. "
                        + "A restarted feed resumes at its last commit; an instance already published (sent again, "
                        + "or in a series that became stable twice) is not published again. One feed per --source "
                        + "at a time: a second one fences the first.",
                "",
                "Connection: feed.orthanc.url (or --url), feed.orthanc.username and feed.orthanc.password "
                        + "(Orthanc's RegisteredUsers), feed.orthanc.tls.ca.file for a private CA. While Orthanc is "
                        + "down the feed waits with backoff; if it refuses the credentials, it stops (exit 1).",
                ""},
        footer = {
                "",
                "Exit codes: 0 stopped by Ctrl-C or, with --until-idle, at the end of the log; 1 Orthanc refused "
                        + "the feed or Kafka failed (what was committed stays published); 2 bad options or "
                        + "configuration.",
                "",
                "Examples:",
                "  triage feed orthanc --config triage.properties --url https://pacs.example.org:8042",
                "  triage feed orthanc --follow STABLE_SERIES --priority-rule 'Modality=CT,BodyPartExamined=HEAD->URGENT'",
                "  triage feed orthanc --from BEGINNING --until-idle      # publish what Orthanc holds, then stop"})
final class FeedOrthancCommand implements Callable<Integer> {

    /** Beyond the request in hand, which the feed waits for before committing. */
    private static final Duration INTERRUPT_GRACE_BEYOND_REQUEST = Duration.ofSeconds(30);
    /** With STABLE_SERIES: how often an idle feed asks about series whose StableSeries change it has not seen. */
    private static final Duration SERIES_RECHECK_INTERVAL = Duration.ofSeconds(60);
    static final String DEFAULT_DEIDENTIFICATION_METHOD = "Orthanc anonymization on ingest (asserted by operator)";

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "Orthanc's REST root; overrides feed.orthanc.url.")
    private String url;

    @Option(names = "--follow", paramLabel = "NEW_INSTANCE|STABLE_SERIES", defaultValue = "NEW_INSTANCE",
            description = "Publish each instance when Orthanc stores it, or a series' instances when Orthanc declares "
                    + "the series stable (StableAge seconds without a new instance).")
    private FollowMode follow;

    @Option(names = "--priority-rule", paramLabel = "RULE",
            description = "Keyword=Value[,Keyword=Value...]->STAT|URGENT|ROUTINE, on the instance's DICOM tags; "
                    + "repeatable, the first rule that matches wins. Example: RequestedProcedurePriority=STAT->STAT.")
    private List<String> priorityRules = new ArrayList<>();

    @Option(names = "--priority", paramLabel = "STAT|URGENT|ROUTINE", defaultValue = "ROUTINE",
            description = "Priority when no rule matches; STAT and URGENT go to the priority topic.")
    private Priority priority;

    @Option(names = "--source", paramLabel = "ID",
            description = "The feed's identifier: in every event, and the key of its stored position. "
                    + "Default: orthanc:<host>:<port>.")
    private String source;

    @Option(names = "--from", paramLabel = "BEGINNING|LATEST", defaultValue = "LATEST",
            description = "Where a feed without a stored position starts: Orthanc's first change, or its next one.")
    private StartPosition from;

    @Option(names = "--reset", description = "Start at --from even though a position is stored. Instances already "
            + "published are still skipped.")
    private boolean reset;

    @Option(names = "--until-idle", description = "Stop at the end of the change log instead of following it.")
    private boolean untilIdle;

    @Option(names = "--inline-max-bytes", paramLabel = "N",
            description = "Largest DICOM file sent inline; 0 sends all by reference. Default and maximum: "
                    + "limits.max.inline.image.bytes.")
    private Long inlineMaxBytes;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "100", description = "Changes read per request.")
    private int pageSize;

    @Option(names = "--poll-interval-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Pause at the end of the change log before asking again.")
    private long pollIntervalMs;

    @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Longest time between two commits while publishing (latency of the events).")
    private long commitIntervalMs;

    @Option(names = "--deidentified-method", paramLabel = "TEXT", defaultValue = DEFAULT_DEIDENTIFICATION_METHOD,
            description = "How Orthanc's instances were de-identified: the feed's claim, which the pipeline still checks.")
    private String deidentifiedMethod;

    @Option(names = "--not-deidentified",
            description = "Do not claim de-identification (the pipeline refuses such events unless configured to "
                    + "allow them).")
    private boolean notDeidentified;

    @Option(names = "--health-file", paramLabel = "FILE",
            description = "Touch FILE each time the change log has been read and what was published committed, for a "
                    + "container healthcheck (find FILE -mmin -2). Default: none.")
    private Path healthFile;

    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TriageFeedConfig feedConfig = loadConfig();
        URI orthanc = feedConfig.orthanc().url();
        EventDefaults claims = claims(orthanc);
        PriorityRules priorities = option(() -> new PriorityRules(priorityRules.stream().map(PriorityRule::parse)
                .toList(), priority));
        OrthancFeedOptions options = options(feedConfig);

        // Waits end early on Ctrl-C, so the feed stops within one request rather than one backoff.
        CountDownLatch stopping = new CountDownLatch(1);
        Duration grace = feedConfig.orthanc().requestTimeout().plus(INTERRUPT_GRACE_BEYOND_REQUEST);
        try (InterruptGuard interrupt = InterruptGuard.install("triage-feed-orthanc", grace);
             OrthancFeedSession session = OrthancFeedSession.open(feedConfig, claims, priorities, options,
                     duration -> stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS),
                     healthFile == null ? FeedHeartbeat.NONE : new HeartbeatFile(healthFile, Clock.systemUTC()))) {
            OrthancFeed feed = session.feed();
            interrupt.onInterrupt(() -> {
                feed.cancel();
                stopping.countDown();
            });
            out.printf("following %s as %s (%s); %d instances already published; Ctrl-C stops%n",
                    hostAndPort(orthanc), claims.source(), follow, session.remembered());
            out.flush();
            try {
                OrthancFeedSummary summary = feed.run();
                print(out, summary);
                return ExitCodes.OK;
            } catch (OrthancException e) {
                print(out, feed.progress());
                err.println(spec.qualifiedName() + ": Orthanc: " + e.getMessage());
                err.flush();
                return ExitCodes.INCOMPLETE;
            }
        }
    }

    private TriageFeedConfig loadConfig() {
        try {
            return TriageConfigLoader.loadOrthancFeed(config.sources(TriageCommand.environmentOf(spec)),
                    Optional.ofNullable(url));
        } catch (TriageConfigException e) {
            throw ConfigOptions.withOptionHint(e);
        }
    }

    private EventDefaults claims(URI orthanc) {
        Optional<String> method = FeedOptionChecks.claimedMethod(spec, notDeidentified, deidentifiedMethod);
        String id = source == null ? "orthanc:" + hostAndPort(orthanc) : source;
        if (id.indexOf('|') >= 0) {
            throw new ParameterException(spec.commandLine(), "--source must not contain '|'");
        }
        return option(() -> new EventDefaults(Optional.empty(), Optional.empty(), priority, id, !notDeidentified,
                method));
    }

    private OrthancFeedOptions options(TriageFeedConfig feedConfig) {
        long configuredInline = feedConfig.client().limits().maxInlineImageBytes();
        long inline = inlineMaxBytes == null ? configuredInline : inlineMaxBytes;
        if (inline > configuredInline) {
            throw new ParameterException(spec.commandLine(), "--inline-max-bytes " + inline + " is above "
                    + ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES + " (" + configuredInline
                    + "): the pipeline would refuse such events; raise the configuration instead");
        }
        if (pollIntervalMs < 1 || commitIntervalMs < 1) {
            throw new ParameterException(spec.commandLine(), "--poll-interval-ms and --commit-interval-ms must be positive");
        }
        return option(() -> new OrthancFeedOptions(follow, from, reset, untilIdle, pageSize,
                Duration.ofMillis(pollIntervalMs), inline, feedConfig.client().limits().maxReferenceImageBytes(),
                500, Duration.ofMillis(commitIntervalMs), Duration.ofSeconds(1), Duration.ofSeconds(30),
                SERIES_RECHECK_INTERVAL));
    }

    private static void print(PrintWriter out, OrthancFeedSummary summary) {
        out.printf("published %d instances (%d inline, %d by reference); skipped %d already published, %d deleted "
                        + "from Orthanc before they could be read, %d without SOP Instance UID, %d larger than "
                        + "limits.max.reference.image.bytes, %d Orthanc failed to serve; position: change %s%n",
                summary.published(), summary.inline(), summary.byReference(), summary.alreadyPublished(),
                summary.gone(), summary.withoutUid(), summary.tooLarge(), summary.unreadable(),
                summary.position().isPresent() ? Long.toString(summary.position().getAsLong()) : "none");
        out.flush();
    }

    private static String hostAndPort(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private <T> T option(Supplier<T> build) {
        return FeedOptionChecks.valid(spec, build);
    }
}
