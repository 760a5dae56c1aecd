package org.imagingtriage.topology.review;

import java.time.Instant;
import java.util.UUID;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ReviewDecision;

/** Decisions for the review tests. */
public final class Decisions {

    private Decisions() {
    }

    public static ReviewDecision on(DraftFinding draft, Decision decision) {
        return ReviewDecision.newBuilder()
                .setSopInstanceUid(draft.getSopInstanceUid())
                .setEventId(draft.getEventId())
                .setReviewer("dr-lee")
                .setDecision(decision)
                .setEditedText(decision == Decision.EDIT ? "Edited." : null)
                .setDecidedAt(Instant.parse("2025-11-20T10:30:00Z"))
                .setDecisionId(UUID.randomUUID())
                .build();
    }
}
