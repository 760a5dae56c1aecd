package org.imagingtriage.topology.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters the pipeline records, in one place so names, tags and histogram settings stay
 * consistent. Names are Micrometer's dotted form; the Prometheus registry renders
 * {@code triage.latency.end.to.end} as {@code triage_latency_end_to_end_seconds}.
 *
 * <p>Tags carry bounded sets only: enum values and dead-letter reason codes. Never an event id,
 * a UID or free text: those would leak identifiers into dashboards and explode cardinality.
 * Reason codes that do not look like codes, or that arrive after {@link #MAX_REASONS} distinct
 * ones, are counted under {@link #OTHER_REASON}.
 *
 * <p>Meters with enum tags are registered up front, so every series exists at zero from start-up
 * and {@code rate()} and {@code increase()} work from the first scrape.
 */
public final class TriageMetrics implements AutoCloseable {

    public static final String END_TO_END = "triage.latency.end.to.end";
    public static final String STAGE = "triage.stage.duration";
    public static final String INFERENCE = "triage.inference.duration";
    public static final String IN_FLIGHT = "triage.inference.in.flight";
    public static final String DRAFTS = "triage.drafts";
    public static final String DEAD_LETTERS = "triage.dead.letters";

    /** Tag value for reason codes that are malformed or beyond the cardinality cap. */
    public static final String OTHER_REASON = "OTHER";
    /** Distinct reason codes tracked before new ones fold into {@link #OTHER_REASON}. */
    public static final int MAX_REASONS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(TriageMetrics.class);
    /** Upper-case code form, as in ImagingReason; anything else may be free text. */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /**
     * Bucket boundaries dashboards and SLO alerts can rely on, on top of Micrometer's generated
     * percentile buckets: sub-second for the imaging steps, seconds to minutes for MedGemma
     * generation (the default Triton deadline is 120 s) and end to end.
     */
    private static final Duration[] SLO_BOUNDARIES = {
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
        Duration.ofSeconds(300),
    };
    private static final Duration MIN_EXPECTED = Duration.ofMillis(1);
    /** Beyond the Triton deadline plus retries; longer waits all land in +Inf. */
    private static final Duration MAX_EXPECTED = Duration.ofMinutes(10);

    private final MeterRegistry registry;
    private final Timer endToEnd;
    private final Map<TimedStage, Timer> stages = new EnumMap<>(TimedStage.class);
    private final Map<InferenceOutcome, Timer> inference = new EnumMap<>(InferenceOutcome.class);
    private final Map<Urgency, Counter> drafts = new EnumMap<>(Urgency.class);
    private final Set<String> knownReasons = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean inFlightRegistered = new AtomicBoolean();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public TriageMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.endToEnd = timer(END_TO_END, "From the feed's createdAt to the draft being produced")
                .register(registry);
        for (TimedStage stage : TimedStage.values()) {
            stages.put(stage, timer(STAGE, "Time spent in one pipeline stage")
                    .tag("stage", stage.tagValue())
                    .register(registry));
        }
        for (InferenceOutcome outcome : InferenceOutcome.values()) {
            inference.put(outcome, timer(INFERENCE, "One Triton inference call, by how it ended")
                    .tag("outcome", outcome.tagValue())
                    .register(registry));
        }
        for (Urgency urgency : Urgency.values()) {
            drafts.put(urgency, Counter.builder(DRAFTS)
                    .description("Draft findings published, by the urgency MedGemma assigned")
                    .tag("urgency", urgency.name())
                    .register(registry));
        }
        // At zero from start-up, so the first dead letter of a kind is an increase Prometheus
        // sees (an alert on identified images must fire on the first one).
        for (ImagingReason reason : ImagingReason.values()) {
            deadLetterCounter(reason.stage(), reason.name());
        }
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .serviceLevelObjectives(SLO_BOUNDARIES)
                .minimumExpectedValue(MIN_EXPECTED)
                .maximumExpectedValue(MAX_EXPECTED);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Records the whole journey of one event; negative spans (clock skew) are ignored. */
    public void recordEndToEnd(Duration duration) {
        record(endToEnd, duration);
    }

    public void recordStage(TimedStage stage, Duration duration) {
        record(stages.get(Objects.requireNonNull(stage, "stage")), duration);
    }

    public void recordInference(InferenceOutcome outcome, Duration duration) {
        record(inference.get(Objects.requireNonNull(outcome, "outcome")), duration);
    }

    public void draft(Urgency urgency) {
        drafts.get(Objects.requireNonNull(urgency, "urgency")).increment();
    }

    /**
     * Counts one dead letter.
     *
     * @param reason the stable reason code written to {@code DeadLetter.reason}
     */
    public void deadLetter(Stage stage, String reason) {
        deadLetterCounter(Objects.requireNonNull(stage, "stage"), reason).increment();
    }

    private Counter deadLetterCounter(Stage stage, String reason) {
        return Counter.builder(DEAD_LETTERS)
                .description("Events published to the dead-letter topic, by stage and reason code")
                .tag("stage", stage.name())
                .tag("reason", reasonTag(reason))
                .register(registry);
    }

    /**
     * Publishes the number of inference requests outstanding, read from the caller's own
     * counter on every scrape (the registry keeps a strong reference to the supplier).
     *
     * @throws IllegalStateException if a supplier is already registered: Micrometer would
     *     otherwise silently keep the first one
     */
    public void registerInFlight(Supplier<Number> inFlight) {
        Objects.requireNonNull(inFlight, "inFlight");
        if (!inFlightRegistered.compareAndSet(false, true)) {
            throw new IllegalStateException("an in-flight supplier is already registered");
        }
        Gauge.builder(IN_FLIGHT, inFlight)
                .description("Inference requests sent to Triton and not yet answered")
                .strongReference(true)
                .register(registry);
    }

    /** Binds JVM memory, GC, threads, class loading, processor and uptime metrics. */
    public TriageMetrics bindJvmMetrics() {
        JvmGcMetrics gc = new JvmGcMetrics();
        bind(gc);
        synchronized (closeables) {
            closeables.add(gc);
        }
        bind(new JvmMemoryMetrics());
        bind(new JvmThreadMetrics());
        bind(new ClassLoaderMetrics());
        bind(new ProcessorMetrics());
        bind(new UptimeMetrics());
        return this;
    }

    /**
     * Publishes the Kafka Streams client metrics (Streams, consumer, producer, admin) of a
     * created {@code KafkaStreams}. The binder polls the client's metrics; close it (or this
     * object) when the Streams instance is closed.
     */
    public KafkaStreamsMetrics bindKafkaStreams(KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(Objects.requireNonNull(streams, "streams"));
        bind(metrics);
        synchronized (closeables) {
            closeables.add(metrics);
        }
        return metrics;
    }

    private void bind(MeterBinder binder) {
        binder.bindTo(registry);
    }

    private String reasonTag(String reason) {
        if (reason == null || !REASON_CODE.matcher(reason).matches()) {
            // Never log the value: a malformed reason may be free text.
            LOG.warn("dead-letter reason is not a reason code; counted as {}", OTHER_REASON);
            return OTHER_REASON;
        }
        if (knownReasons.contains(reason)) {
            return reason;
        }
        synchronized (knownReasons) {
            if (knownReasons.size() >= MAX_REASONS) {
                LOG.warn("more than {} distinct dead-letter reasons; new ones counted as {}",
                        MAX_REASONS, OTHER_REASON);
                return OTHER_REASON;
            }
            knownReasons.add(reason);
            return reason;
        }
    }

    private static void record(Timer timer, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            // A span measured across two clocks (feed and pipeline) can come out negative;
            // recording it as zero would hide the skew in the low buckets.
            LOG.debug("ignoring negative duration for {}", timer.getId().getName());
            return;
        }
        timer.record(duration);
    }

    /** Stops the binders that hold resources (GC listeners, Kafka metric polling). */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (closeables) {
            toClose = new ArrayList<>(closeables);
            closeables.clear();
        }
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing a metrics binder failed: {}", e.getClass().getName());
            }
        }
    }
}
