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
import java.util.HashMap;
import java.util.List;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.imagingtriage.topology.review.worklist.WorklistChange;
import org.imagingtriage.topology.review.worklist.WorklistItem;

/**
 * The review meters, rendered by Prometheus as:
 * <ul>
 *   <li>{@code triage_review_decisions_total{decision,modality}}: decisions this console wrote;
 *   <li>{@code triage_review_time_to_decision_seconds{modality}}: from the draft being produced
 *       to the reviewer's decision, for decisions this console wrote;
 *   <li>{@code triage_review_agreement_ratio{modality}}: the share of ACCEPT among the decisions
 *       on the worklist's current drafts (every console's, the topic's history included), i.e. how
 *       often reviewers took the draft as written; EDIT and REJECT count as disagreement. It is a
 *       function of what the topics hold, so it does not depend on the order they were read in;
 *   <li>{@code triage_review_worklist_pending}, {@code triage_review_worklist_items} and
 *       {@code triage_review_decision_write_failures_total}.
 * </ul>
 * Counters of one console's own decisions add up across consoles; the agreement ratio is the
 * same on every console that has read the same topics (and holds every draft: see the capacity).
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
    private final Map<String, Boolean> agreementGauges = new ConcurrentHashMap<>();
    private final Worklist worklist;
    /** Agreement per modality, one pass over the worklist for all, again only once it has changed. */
    private volatile AgreementSnapshot agreement = new AgreementSnapshot(Map.of(), -1);
    private final Counter writeFailures;

    public ReviewMetrics(MeterRegistry registry, Worklist worklist) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.worklist = Objects.requireNonNull(worklist, "worklist");
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

    /** A decided draft of a modality not seen before gets its agreement gauge. */
    private void onChange(WorklistChange change) {
        if (change.newDecision()) {
            String modality = modalities.of(change.after().draft().getModality());
            agreementGauges.computeIfAbsent(modality, this::registerAgreement);
        }
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

    private Boolean registerAgreement(String modality) {
        Gauge.builder(AGREEMENT, this, metrics -> metrics.agreement(modality))
                .description("Share of ACCEPT among the decisions on the worklist's current drafts (EDIT and "
                        + "REJECT disagree with the draft); NaN when none of the modality is decided")
                .tag("modality", modality)
                .register(registry);
        return Boolean.TRUE;
    }

    private double agreement(String modality) {
        AgreementSnapshot snapshot = agreement;
        long version = worklist.version();
        if (snapshot.version() != version) {
            snapshot = AgreementSnapshot.of(worklist.items(), modalities, version);
            agreement = snapshot;
        }
        return snapshot.ratio(modality);
    }

    /** ACCEPT and all decisions per modality tag, from one pass over the worklist. */
    private record AgreementSnapshot(Map<String, long[]> counts, long version) {

        static AgreementSnapshot of(List<WorklistItem> items, ModalityTag modalities, long version) {
            Map<String, long[]> counts = new HashMap<>();
            for (WorklistItem item : items) {
                item.decision().ifPresent(decision -> {
                    long[] tally = counts.computeIfAbsent(modalities.of(item.draft().getModality()),
                            unused -> new long[2]);
                    tally[0] += decision.getDecision() == Decision.ACCEPT ? 1 : 0;
                    tally[1]++;
                });
            }
            return new AgreementSnapshot(counts, version);
        }

        double ratio(String modality) {
            long[] tally = counts.get(modality);
            return tally == null || tally[1] == 0 ? Double.NaN : (double) tally[0] / tally[1];
        }
    }
}
