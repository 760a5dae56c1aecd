package org.imagingtriage.topology.review.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.topology.review.Decisions;
import org.imagingtriage.topology.review.Drafts;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.junit.jupiter.api.Test;

class ReviewMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Worklist worklist = new Worklist(100);
    private final ReviewMetrics metrics = new ReviewMetrics(registry, worklist);

    @Test
    void decisionsThisConsoleWroteAreCountedByOutcomeAndModalityWithTheirTimeToDecision() {
        // given a draft produced at 10:00:02.150
        DraftFinding draft = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
        ReviewDecision decision = ReviewDecision.newBuilder(Decisions.on(draft, Decision.ACCEPT))
                .setDecidedAt(Instant.parse("2025-11-20T10:05:02.150Z")).build();

        // when
        metrics.recorded(draft, decision);

        // then
        assertThat(registry.get(ReviewMetrics.DECISIONS).tag("decision", "ACCEPT").tag("modality", "CR").counter()
                .count()).isEqualTo(1.0);
        assertThat(registry.get(ReviewMetrics.DECISIONS).tag("decision", "REJECT").tag("modality", "CR").counter()
                .count()).isZero();
        assertThat(registry.get(ReviewMetrics.TIME_TO_DECISION).tag("modality", "CR").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(Duration.ofMinutes(5).toSeconds());
    }

    @Test
    void agreementIsTheShareOfAcceptsAmongEveryDecisionReadPerModality() {
        // given three CR drafts and one CT draft on the worklist
        DraftFinding cr1 = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
        DraftFinding cr2 = Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding cr3 = Drafts.draft("1.3", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding ct = DraftFinding.newBuilder(Drafts.draft("1.4", Urgency.ROUTINE, Priority.ROUTINE))
                .setModality("CT").build();
        for (DraftFinding draft : new DraftFinding[] {cr1, cr2, cr3, ct}) {
            worklist.offerDraft(draft);
        }

        // when decisions are read from the topic (any console's)
        worklist.offerDecision(Decisions.on(cr1, Decision.ACCEPT));
        worklist.offerDecision(Decisions.on(cr2, Decision.ACCEPT));
        worklist.offerDecision(Decisions.on(cr3, Decision.EDIT));
        worklist.offerDecision(Decisions.on(ct, Decision.REJECT));

        // then
        assertThat(agreement("CR")).isEqualTo(2.0 / 3.0);
        assertThat(agreement("CT")).isZero();

        // and a later decision on the same draft (another console) replaces the earlier one in the tally
        worklist.offerDecision(Decisions.on(cr3, Decision.ACCEPT));
        assertThat(agreement("CR")).isEqualTo(1.0);
    }

    @Test
    void agreementFollowsTheCurrentDraftsWhateverOrderTheTopicsWereReadIn() {
        // given one decision read before its draft, one after
        DraftFinding early = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
        DraftFinding late = Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE);
        worklist.offerDecision(Decisions.on(early, Decision.ACCEPT));
        worklist.offerDraft(early);
        worklist.offerDraft(late);
        worklist.offerDecision(Decisions.on(late, Decision.REJECT));
        assertThat(agreement("CR")).isEqualTo(0.5);

        // when the rejected image is drafted again (a new event, not yet decided)
        worklist.offerDraft(DraftFinding.newBuilder(late).setEventId(UUID.randomUUID()).build());

        // then only the current drafts' decisions count
        assertThat(agreement("CR")).isEqualTo(1.0);
    }

    @Test
    void aModalityThatIsNotACodeIsTaggedOther() {
        DraftFinding odd = DraftFinding.newBuilder(Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE))
                .setModality("<script>").setEventId(UUID.randomUUID()).build();
        worklist.offerDraft(odd);

        worklist.offerDecision(Decisions.on(odd, Decision.ACCEPT));

        assertThat(agreement("OTHER")).isEqualTo(1.0);
    }

    @Test
    void theWorklistGaugesFollowIt() {
        DraftFinding draft = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        worklist.offerDraft(draft);
        worklist.offerDraft(Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE));
        worklist.offerDecision(Decisions.on(draft, Decision.ACCEPT));

        assertThat(registry.get("triage.review.worklist.pending").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("triage.review.worklist.items").gauge().value()).isEqualTo(2.0);
    }

    private double agreement(String modality) {
        return registry.get(ReviewMetrics.AGREEMENT).tag("modality", modality).gauge().value();
    }
}
