package org.imagingtriage.topology.review.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.imagingtriage.topology.review.worklist.WorklistChange;

/**
 * The review meters, rendered by Prometheus as:
 * <ul>
 *   <li>{@code triage_review_decisions_total{decision,modality}}: decisions this console wrote;
 *   <li>{@code triage_review_time_to_decision_seconds{modality}}: from the draft being produced
 *       to the reviewer's decision, for decisions this console wrote;
 *   <li>{@code triage_review_agreement_ratio{modality}}: the share of ACCEPT among every decision
 *       the console has read from the reviews topic (its history included), i.e. how often
 *       reviewers took the draft as written; EDIT and REJECT count as disagreement;
 *   <li>{@code triage_review_worklist_pending}, {@code triage_review_worklist_items} and
 *       {@code triage_review_decision_write_failures_total}.
 * </ul>
 * Counters of one console's own decisions add up across consoles; the agreement ratio is the
 * same on every console that has read the same topic.
 */
public final class ReviewMetrics {

    public static final String DECISIONS = "triage.review.decisions";
    public static final String TIME_TO_DECISION = "triage.review.time.to.decision";
    public static final String AGREEMENT = "triage.review.agreement.ratio";

    /** Reviews take minutes to days; these are the boundaries a review SLO is stated in. */
    private static final Duration[] SLO_BOUNDARIES = {
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12), Duration.ofHours(24), Duration.ofDays(3),
    };

    private final MeterRegistry registry;
    private final ModalityTag modalities = new ModalityTag();
    private final Map<String, Map<Decision, Counter>> decisions = new ConcurrentHashMap<>();
    private final Map<String, Timer> timeToDecision = new ConcurrentHashMap<>();
    private final Map<String, Agreement> agreement = new ConcurrentHashMap<>();
    private final Counter writeFailures;

    public ReviewMetrics(MeterRegistry registry, Worklist worklist) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(worklist, "worklist");
        this.writeFailures = Counter.builder("triage.review.decision.write.failures")
                .description("Decisions that could not be confirmed written to the reviews topic (the reviewer retries)")
                .register(registry);
        Gauge.builder("triage.review.worklist.pending", worklist, list -> list.pending())
                .description("Drafts on the worklist without a decision")
                .register(registry);
        Gauge.builder("triage.review.worklist.items", worklist, Worklist::size)
                .description("Drafts on the worklist, decided or not")
                .register(registry);
        worklist.addListener(this::onChange);
    }

    /** A decision this console wrote on {@code draft}. */
    void recorded(DraftFinding draft, ReviewDecision decision) {
        String modality = modalities.of(draft.getModality());
        decisions.computeIfAbsent(modality, this::decisionCounters).get(decision.getDecision()).increment();
        Duration waited = Duration.between(draft.getLatency().getDraftedAt(), decision.getDecidedAt());
        if (!waited.isNegative()) {
            timeToDecision.computeIfAbsent(modality, this::timer).record(waited);
        }
    }

    void writeFailed() {
        writeFailures.increment();
    }

    private void onChange(WorklistChange change) {
        if (!change.newDecision()) {
            return;
        }
        String modality = modalities.of(change.after().draft().getModality());
        Agreement tally = agreement.computeIfAbsent(modality, this::agreementGauge);
        change.before().flatMap(item -> item.decision()).ifPresent(replaced -> tally.remove(replaced.getDecision()));
        tally.add(change.after().decision().orElseThrow().getDecision());
    }

    private Map<Decision, Counter> decisionCounters(String modality) {
        Map<Decision, Counter> counters = new EnumMap<>(Decision.class);
        for (Decision decision : Decision.values()) {
            counters.put(decision, Counter.builder(DECISIONS)
                    .description("Reviewer decisions this console wrote to the reviews topic")
                    .tag("decision", decision.name())
                    .tag("modality", modality)
                    .register(registry));
        }
        return counters;
    }

    private Timer timer(String modality) {
        return Timer.builder(TIME_TO_DECISION)
                .description("From the draft being produced to the reviewer's decision")
                .tag("modality", modality)
                .serviceLevelObjectives(SLO_BOUNDARIES)
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(7))
                .register(registry);
    }

    private Agreement agreementGauge(String modality) {
        Agreement tally = new Agreement();
        ToDoubleFunction<Agreement> ratio = Agreement::ratio;
        Gauge.builder(AGREEMENT, tally, ratio)
                .description("Share of ACCEPT among the decisions read from the reviews topic (EDIT and REJECT "
                        + "disagree with the draft); NaN before the first decision")
                .tag("modality", modality)
                .register(registry);
        return tally;
    }

    /** Decisions by kind for one modality. */
    private static final class Agreement {
        private long accepted;
        private long total;

        synchronized void add(Decision decision) {
            total++;
            if (decision == Decision.ACCEPT) {
                accepted++;
            }
        }

        synchronized void remove(Decision decision) {
            total--;
            if (decision == Decision.ACCEPT) {
                accepted--;
            }
        }

        synchronized double ratio() {
            return total == 0 ? Double.NaN : (double) accepted / total;
        }
    }
}
