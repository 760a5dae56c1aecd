package org.imagingtriage.topology.review.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.topology.review.Drafts;
import org.imagingtriage.topology.review.decision.DecisionDesk;
import org.imagingtriage.topology.review.decision.DecisionNotWrittenException;
import org.imagingtriage.topology.review.decision.ReviewMetrics;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.junit.jupiter.api.Test;

class TerminalReviewerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T10:30:00Z"), ZoneOffset.UTC);

    private final Worklist worklist = new Worklist(100);
    private final List<ReviewDecision> written = new ArrayList<>();
    private final List<UUID> attempts = new ArrayList<>();
    private final Deque<Boolean> failures = new ArrayDeque<>();
    private final StringWriter out = new StringWriter();

    private long run(String keys) {
        DecisionDesk desk = new DecisionDesk(worklist, decision -> {
            attempts.add(decision.getDecisionId());
            if (Boolean.TRUE.equals(failures.poll())) {
                throw new DecisionNotWrittenException("no acknowledgement", null);
            }
            written.add(decision);
        }, () -> true, timeout -> true, Duration.ofSeconds(1), new ReviewMetrics(new SimpleMeterRegistry(), worklist), CLOCK);
        return new TerminalReviewer(worklist, desk, "dr-lee", new BufferedReader(new StringReader(keys)),
                new PrintWriter(out), UUID::randomUUID, CLOCK).run();
    }

    @Test
    void theMostUrgentDraftIsShownFirstAndAcceptedWithA() {
        // given
        worklist.offerDraft(Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE));
        worklist.offerDraft(Drafts.draft("1.2", Urgency.URGENT, Priority.STAT));

        // when
        long decided = run("a\nq\n");

        // then
        assertThat(decided).isEqualTo(1);
        assertThat(written).singleElement().satisfies(decision -> {
            assertThat(decision.getSopInstanceUid()).isEqualTo("1.2");
            assertThat(decision.getDecision()).isEqualTo(Decision.ACCEPT);
            assertThat(decision.getReviewer()).isEqualTo("dr-lee");
        });
        String screen = out.toString();
        assertThat(screen.indexOf(" 1  URGENT")).isLessThan(screen.indexOf(" 2  ROUTINE"));
        assertThat(screen).contains("ACCEPT recorded for 1.2", "== worklist: 1 pending, 1 decided", "disclaimer:");
    }

    @Test
    void aNumberSelectsEditTakesLinesUpToADotAndRRejects() {
        worklist.offerDraft(Drafts.draft("1.1", Urgency.URGENT, Priority.STAT));
        worklist.offerDraft(Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE));
        worklist.offerDraft(Drafts.draft("1.3", Urgency.ROUTINE, Priority.ROUTINE));

        run("2\ne\nNo pneumothorax.\nNormal study.\n.\nr\nq\n");

        assertThat(written).extracting(ReviewDecision::getSopInstanceUid, ReviewDecision::getDecision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1.2", Decision.EDIT),
                        org.assertj.core.groups.Tuple.tuple("1.1", Decision.REJECT));
        assertThat(written.get(0).getEditedText()).isEqualTo("No pneumothorax.\nNormal study.");
    }

    @Test
    void aFailedWriteIsRetriedByTheSameKeyUnderTheSameDecisionId() {
        // given a first write that is not acknowledged
        worklist.offerDraft(Drafts.draft("1.1", Urgency.URGENT, Priority.STAT));
        failures.add(true);

        // when the reviewer presses a, sees the failure, and presses a again
        run("a\na\nq\n");

        // then one decision, whose id is the failed attempt's
        assertThat(out.toString()).contains("NOT RECORDED", "press the same key to retry", "ACCEPT recorded");
        assertThat(written).hasSize(1);
        assertThat(attempts).hasSize(2).containsOnly(written.get(0).getDecisionId());
    }

    @Test
    void aKeyDecidesTheDraftOnScreenNotOneThatArrivedWhileTheReviewerRead() {
        // given one routine draft on screen, and an urgent one arriving while the reviewer types an edit
        worklist.offerDraft(Drafts.draft("1.1", Urgency.ROUTINE, Priority.ROUTINE));
        String keys = "e\nNormal study.\n.\nq\n";
        java.io.Reader arrivesMidEdit = new StringReader(keys) {
            private boolean arrived;

            @Override
            public int read(char[] buffer, int offset, int length) throws java.io.IOException {
                if (!arrived) {
                    arrived = true;
                    worklist.offerDraft(Drafts.draft("1.9", Urgency.URGENT, Priority.STAT));
                }
                return super.read(buffer, offset, length);
            }
        };
        DecisionDesk desk = new DecisionDesk(worklist, written::add, () -> true, timeout -> true,
                Duration.ofSeconds(1), new ReviewMetrics(new SimpleMeterRegistry(), worklist), CLOCK);

        // when
        new TerminalReviewer(worklist, desk, "dr-lee", new BufferedReader(arrivesMidEdit), new PrintWriter(out),
                UUID::randomUUID, CLOCK).run();

        // then the edit went to the draft the reviewer was reading
        assertThat(written).singleElement().satisfies(decision ->
                assertThat(decision.getSopInstanceUid()).isEqualTo("1.1"));
    }

    @Test
    void aLongPasteIntoAnEditIsRefusedAndNeverReadAsKeys() {
        worklist.offerDraft(Drafts.draft("1.1", Urgency.URGENT, Priority.STAT));
        worklist.offerDraft(Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE));
        String paste = "a\n".repeat(250);

        run("e\n" + paste + ".\nq\n");

        assertThat(written).isEmpty();
        assertThat(out.toString()).contains("edit refused: more than 200 lines");
    }

    @Test
    void modelTextCannotSendControlSequencesToTheTerminal() {
        DraftFinding hostile = DraftFinding.newBuilder(Drafts.draft("1.1", Urgency.URGENT, Priority.STAT))
                .setDraftText("Findings: \u001b[2Jcleared\u0007 screen").build();
        worklist.offerDraft(hostile);

        run("q\n");

        assertThat(out.toString()).doesNotContain("\u001b", "\u0007").contains("cleared");
    }

    @Test
    void anEmptyWorklistSaysSoAndUnknownKeysShowTheKeys() {
        run("x\nq\n");

        assertThat(out.toString()).contains("no draft awaits review");
        worklist.offerDraft(Drafts.draft("1.1", Urgency.URGENT, Priority.STAT));
        run("z\nq\n");
        assertThat(out.toString()).contains("? keys: a accept, e edit, r reject");
    }
}
