package org.imagingtriage.topology.review.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.topology.review.Drafts;
import org.imagingtriage.topology.review.decision.DecisionResult.Outcome;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionDeskTest {

    private static final Instant NOW = Instant.parse("2025-11-20T11:00:00Z");

    private final Worklist worklist = new Worklist(100);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ReviewDecision> written = new ArrayList<>();
    private final DraftFinding draft = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
    private boolean failNextWrite;
    private boolean landsAnyway;
    private Predicate<Duration> reviewsRead = timeout -> true;
    private boolean ready = true;

    @BeforeEach
    void onTheWorklist() {
        worklist.offerDraft(draft);
    }

    private DecisionDesk desk() {
        DecisionWriter writer = decision -> {
            if (failNextWrite) {
                failNextWrite = false;
                if (landsAnyway) {
                    written.add(decision);
                }
                throw new DecisionNotWrittenException("no acknowledgement", null);
            }
            written.add(decision);
        };
        return new DecisionDesk(worklist, writer, () -> ready, timeout -> reviewsRead.test(timeout), Duration.ofSeconds(1),
                new ReviewMetrics(registry, worklist), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** An attempt whose write is not acknowledged; {@code landed}: it reached the topic all the same. */
    private void writeInDoubt(DecisionDesk desk, UUID id, Decision decision, boolean landed) {
        failNextWrite = true;
        landsAnyway = landed;
        assertThatThrownBy(() -> desk.decide(request(id, decision))).isInstanceOf(DecisionNotWrittenException.class);
    }

    private DecisionRequest request(UUID id, Decision decision) {
        return new DecisionRequest(id, draft.getSopInstanceUid(), draft.getEventId(), decision,
                decision == Decision.EDIT ? Optional.of("Corrected.") : Optional.empty(), "dr-lee");
    }

    @Test
    void anActionIsWrittenOnceAndTheWorklistShowsIt() {
        // when
        UUID id = UUID.randomUUID();
        DecisionResult result = desk().decide(request(id, Decision.EDIT));

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(written).hasSize(1);
        ReviewDecision decision = written.get(0);
        assertThat(decision.getDecisionId()).isEqualTo(id);
        assertThat(decision.getEventId()).isEqualTo(draft.getEventId());
        assertThat(decision.getReviewer()).isEqualTo("dr-lee");
        assertThat(decision.getEditedText()).isEqualTo("Corrected.");
        assertThat(decision.getDecidedAt()).isEqualTo(NOW);
        assertThat(result.item().orElseThrow().decision()).contains(decision);
    }

    @Test
    void aRetryOfARecordedActionWritesNothing() {
        DecisionDesk desk = desk();
        UUID id = UUID.randomUUID();
        desk.decide(request(id, Decision.ACCEPT));

        DecisionResult retry = desk.decide(request(id, Decision.ACCEPT));

        assertThat(retry.outcome()).isEqualTo(Outcome.ALREADY_RECORDED);
        assertThat(written).hasSize(1);
    }

    @Test
    void anotherActionOnADecidedDraftIsRefused() {
        DecisionDesk desk = desk();
        desk.decide(request(UUID.randomUUID(), Decision.ACCEPT));

        DecisionResult second = desk.decide(request(UUID.randomUUID(), Decision.REJECT));

        assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_DECIDED);
        assertThat(written).hasSize(1);
    }

    @Test
    void anActionOnAReplacedDraftOrAnUnknownImageIsRefused() {
        // given a newer draft of the image
        worklist.offerDraft(DraftFinding.newBuilder(draft).setEventId(UUID.randomUUID()).build());

        // when
        DecisionResult superseded = desk().decide(request(UUID.randomUUID(), Decision.ACCEPT));
        DecisionResult unknown = desk().decide(new DecisionRequest(UUID.randomUUID(), "9.9", draft.getEventId(),
                Decision.ACCEPT, Optional.empty(), "dr-lee"));

        // then
        assertThat(superseded.outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN_DRAFT);
        assertThat(unknown.item()).isEmpty();
        assertThat(written).isEmpty();
    }

    @Test
    void aRetryAfterAWriteInDoubtThatLandedFindsItAndWritesNothing() {
        // given a write that timed out but landed on the topic
        DecisionDesk desk = desk();
        UUID id = UUID.randomUUID();
        writeInDoubt(desk, id, Decision.ACCEPT, true);
        assertThat(worklist.item("1.1").orElseThrow().decided()).isFalse();
        // the worklist reads the reviews topic up to its end while the retry waits
        reviewsRead = timeout -> {
            worklist.offerDecision(written.get(0));
            return true;
        };

        // when the reviewer retries the same action
        DecisionResult retry = desk.decide(request(id, Decision.ACCEPT));

        // then
        assertThat(retry.outcome()).isEqualTo(Outcome.ALREADY_RECORDED);
        assertThat(written).hasSize(1);
        // and the decision this console wrote is counted once
        assertThat(registry.get(ReviewMetrics.DECISIONS).tag("decision", "ACCEPT").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRetryAfterAFailedWriteThatDidNotLandWritesOnce() {
        DecisionDesk desk = desk();
        UUID id = UUID.randomUUID();
        writeInDoubt(desk, id, Decision.REJECT, false);

        DecisionResult retry = desk.decide(request(id, Decision.REJECT));

        assertThat(retry.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getDecisionId()).isEqualTo(id);
    }

    @Test
    void aRetryInDoubtIsRefusedWhileTheReviewsTopicCannotBeReadAndStaysInDoubt() {
        // given a write in doubt and a reviews topic that cannot be read to its end
        DecisionDesk desk = desk();
        UUID id = UUID.randomUUID();
        writeInDoubt(desk, id, Decision.ACCEPT, true);
        reviewsRead = timeout -> false;

        // when / then: no second write while it cannot be confirmed
        assertThatThrownBy(() -> desk.decide(request(id, Decision.ACCEPT)))
                .isInstanceOf(DecisionNotWrittenException.class).hasMessageContaining("could not be read");
        assertThat(written).hasSize(1);

        // and once it can be read, the landed write is found
        reviewsRead = timeout -> {
            worklist.offerDecision(written.get(0));
            return true;
        };
        assertThat(desk.decide(request(id, Decision.ACCEPT)).outcome()).isEqualTo(Outcome.ALREADY_RECORDED);
        assertThat(written).hasSize(1);
    }

    @Test
    void aRetryWhoseFirstWriteDidNotLandSendsThatSameRecordAgain() {
        // given a first attempt that failed
        DecisionDesk desk = desk();
        UUID id = UUID.randomUUID();
        List<ReviewDecision> attempts = new ArrayList<>();
        writeInDoubt(desk, id, Decision.ACCEPT, true);
        attempts.add(written.remove(0));

        // when it did not land after all and the reviewer retries
        DecisionResult retry = desk.decide(request(id, Decision.ACCEPT));

        // then the very same record went out, so a late landing of the first is the same action
        assertThat(retry.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(written).containsExactly(attempts.get(0));
        worklist.offerDecision(attempts.get(0));
        assertThat(worklist.item("1.1").orElseThrow().decision()).contains(attempts.get(0));
    }

    @Test
    void anotherActionOnADraftInDoubtFirstFindsTheLandedWriteAndIsRefused() {
        // given an ACCEPT in doubt that landed
        DecisionDesk desk = desk();
        writeInDoubt(desk, UUID.randomUUID(), Decision.ACCEPT, true);
        reviewsRead = timeout -> {
            worklist.offerDecision(written.get(0));
            return true;
        };

        // when the reviewer clicks Reject instead (a new action)
        DecisionResult other = desk.decide(request(UUID.randomUUID(), Decision.REJECT));

        // then the draft keeps its one decision
        assertThat(other.outcome()).isEqualTo(Outcome.ALREADY_DECIDED);
        assertThat(written).hasSize(1);
    }

    @Test
    void noDecisionIsTakenWhileTheWorklistIsNotReady() {
        ready = false;

        assertThatThrownBy(() -> desk().decide(request(UUID.randomUUID(), Decision.ACCEPT)))
                .isInstanceOf(DecisionNotWrittenException.class).hasMessageContaining("not ready");
        assertThat(written).isEmpty();
    }

    @Test
    void requestsAreCheckedBeforeAnythingIsWritten() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> new DecisionRequest(id, "1.1", draft.getEventId(), Decision.EDIT, Optional.of(" "),
                "dr-lee")).hasMessageContaining("EDIT needs the edited text");
        assertThatThrownBy(() -> new DecisionRequest(id, "1.1", draft.getEventId(), Decision.ACCEPT,
                Optional.of("text"), "dr-lee")).hasMessageContaining("only an EDIT");
        assertThatThrownBy(() -> new DecisionRequest(id, "1.1", draft.getEventId(), Decision.EDIT,
                Optional.of("x".repeat(DecisionRequest.MAX_EDITED_TEXT_CHARS + 1)), "dr-lee"))
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> new DecisionRequest(id, "1".repeat(65), draft.getEventId(), Decision.ACCEPT,
                Optional.empty(), "dr-lee")).hasMessageContaining("sopInstanceUid");
        assertThatThrownBy(() -> new DecisionRequest(id, "1.1", draft.getEventId(), Decision.ACCEPT,
                Optional.empty(), " ")).hasMessageContaining("reviewer");
    }
}
