package org.imagingtriage.topology.review.worklist;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ReviewDecision;

/**
 * One draft on the worklist with the decision recorded on it, if any.
 *
 * @param arrival the order the worklist received drafts in: older drafts have smaller numbers
 * @param decision the decision on this very draft (same event id); a decision on an earlier
 *     draft of the same image does not carry over to a newer one
 */
public record WorklistItem(DraftFinding draft, long arrival, Optional<ReviewDecision> decision) {

    public WorklistItem {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(decision, "decision");
        decision.ifPresent(decided -> {
            if (!decided.getEventId().equals(draft.getEventId())) {
                throw new IllegalArgumentException("a decision applies to the draft of its own event only");
            }
        });
    }

    public String sopInstanceUid() {
        return draft.getSopInstanceUid();
    }

    public UUID eventId() {
        return draft.getEventId();
    }

    public boolean decided() {
        return decision.isPresent();
    }

    WorklistItem withDecision(ReviewDecision decided) {
        return new WorklistItem(draft, arrival, Optional.of(decided));
    }
}
