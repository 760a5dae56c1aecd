package org.imagingtriage.topology.review.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.topology.review.Decisions;
import org.imagingtriage.topology.review.Drafts;
import org.junit.jupiter.api.Test;

class WorklistTest {

    private final Worklist worklist = new Worklist(100);

    @Test
    void pendingDraftsComeFirstMostUrgentFirstThenLongestWaiting() {
        // given
        DraftFinding routine = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding urgentRoutine = Drafts.draft("1.2", Urgency.URGENT, Priority.ROUTINE);
        DraftFinding uncertain = Drafts.draft("1.3", Urgency.UNCERTAIN, Priority.STAT);
        DraftFinding urgentStat = Drafts.draft("1.4", Urgency.URGENT, Priority.STAT);
        DraftFinding urgentStatLater = Drafts.draft("1.5", Urgency.URGENT, Priority.STAT);
        List.of(routine, urgentRoutine, uncertain, urgentStat, urgentStatLater).forEach(worklist::offerDraft);

        // when the most urgent is decided
        worklist.offerDecision(Decisions.on(urgentStat, Decision.ACCEPT));

        // then
        assertThat(worklist.snapshot()).extracting(WorklistItem::sopInstanceUid)
                .containsExactly("1.5", "1.2", "1.3", "1.1", "1.4");
        assertThat(worklist.pending()).isEqualTo(4);
    }

    @Test
    void aNewerDraftOfAnImageReplacesTheOldOneAndItsDecision() {
        // given a decided draft
        DraftFinding first = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        worklist.offerDraft(first);
        worklist.offerDecision(Decisions.on(first, Decision.REJECT));

        // when the pipeline drafts the image again (a new event)
        DraftFinding second = DraftFinding.newBuilder(first).setEventId(UUID.randomUUID()).build();
        worklist.offerDraft(second);

        // then
        WorklistItem item = worklist.item("1.1").orElseThrow();
        assertThat(item.eventId()).isEqualTo(second.getEventId());
        assertThat(item.decided()).isFalse();
        assertThat(worklist.size()).isEqualTo(1);
    }

    @Test
    void theSameDraftReadAgainKeepsItsDecision() {
        DraftFinding draft = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        worklist.offerDraft(draft);
        worklist.offerDecision(Decisions.on(draft, Decision.ACCEPT));

        worklist.offerDraft(draft);

        assertThat(worklist.item("1.1").orElseThrow().decided()).isTrue();
    }

    @Test
    void aDecisionOnAReplacedDraftIsIgnored() {
        // given
        DraftFinding old = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding current = DraftFinding.newBuilder(old).setEventId(UUID.randomUUID()).build();
        worklist.offerDraft(current);

        // when a decision on the old one is read
        worklist.offerDecision(Decisions.on(old, Decision.ACCEPT));

        // then
        assertThat(worklist.item("1.1").orElseThrow().decided()).isFalse();
    }

    @Test
    void aDecisionReadBeforeItsDraftIsAppliedWhenTheDraftArrives() {
        // given the reviews partition fetched before the drafts one
        DraftFinding draft = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        ReviewDecision decision = Decisions.on(draft, Decision.EDIT);
        worklist.offerDecision(decision);
        assertThat(worklist.item("1.1")).isEmpty();

        // when
        worklist.offerDraft(draft);

        // then
        assertThat(worklist.item("1.1").orElseThrow().decision()).contains(decision);
    }

    @Test
    void aDecisionOnANewerDraftReadBeforeThatDraftWaitsForIt() {
        // given the image's older draft on the list, and the decision on its newer draft read first
        DraftFinding older = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding newer = DraftFinding.newBuilder(older).setEventId(UUID.randomUUID()).build();
        worklist.offerDraft(older);
        ReviewDecision decision = Decisions.on(newer, Decision.ACCEPT);
        worklist.offerDecision(decision);
        assertThat(worklist.item("1.1").orElseThrow().decided()).isFalse();

        // when the newer draft is read
        worklist.offerDraft(newer);

        // then it shows decided
        assertThat(worklist.item("1.1").orElseThrow().decision()).contains(decision);
    }

    @Test
    void readingADraftAgainKeepsItsPlaceInTheEvictionOrder() {
        // given three pending drafts, the oldest read again
        Worklist small = new Worklist(3);
        DraftFinding oldest = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        small.offerDraft(oldest);
        small.offerDraft(Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE));
        small.offerDraft(Drafts.draft("1.3", Urgency.ROUTINE, Priority.ROUTINE));
        small.offerDraft(oldest);

        // when one more arrives
        small.offerDraft(Drafts.draft("1.4", Urgency.ROUTINE, Priority.ROUTINE));

        // then the oldest goes, not a younger one
        assertThat(small.item("1.1")).isEmpty();
        assertThat(small.item("1.2")).isPresent();
    }

    @Test
    void whenFullTheOldestDecidedGoesFirstThenTheOldestPending() {
        // given a worklist of three: one decided, two pending
        Worklist small = new Worklist(3);
        DraftFinding a = Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding b = Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE);
        DraftFinding c = Drafts.draft("1.3", Urgency.ROUTINE, Priority.ROUTINE);
        List.of(a, b, c).forEach(small::offerDraft);
        small.offerDecision(Decisions.on(b, Decision.ACCEPT));

        // when two more arrive
        small.offerDraft(Drafts.draft("1.4", Urgency.ROUTINE, Priority.ROUTINE));
        small.offerDraft(Drafts.draft("1.5", Urgency.ROUTINE, Priority.ROUTINE));

        // then the decided one went first, then the oldest pending
        assertThat(small.snapshot()).extracting(WorklistItem::sopInstanceUid).containsExactly("1.3", "1.4", "1.5");
        assertThat(small.evicted()).isEqualTo(2);
    }

    @Test
    void listenersSeeEveryChangeInOrderAndASubscriptionMissesNothingAfterItsSnapshot() {
        // given
        DraftFinding draft = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
        worklist.offerDraft(draft);
        List<WorklistChange> changes = new ArrayList<>();

        // when
        List<WorklistItem> snapshot = worklist.snapshotAfter(() -> worklist.addListener(changes::add));
        worklist.offerDecision(Decisions.on(draft, Decision.ACCEPT));
        worklist.offerDraft(Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE));

        // then
        assertThat(snapshot).extracting(WorklistItem::sopInstanceUid).containsExactly("1.1");
        assertThat(changes).extracting(change -> change.after().sopInstanceUid()).containsExactly("1.1", "1.2");
        assertThat(changes.get(0).newDecision()).isTrue();
        assertThat(changes.get(1).before()).isEmpty();
        assertThat(changes.get(1).newDecision()).isFalse();
    }
}
