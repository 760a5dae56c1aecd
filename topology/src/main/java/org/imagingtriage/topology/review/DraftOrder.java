package org.imagingtriage.topology.review;

import java.util.Comparator;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Urgency;

/**
 * The order a reviewer sees the drafts of one poll in: what the model calls URGENT first, then
 * UNCERTAIN (the model could not say: a human must look soon), then ROUTINE; within each, the
 * ordering clinician's priority STAT, URGENT, ROUTINE; then arrival.
 */
public final class DraftOrder {

    /** Drafts alone, most urgent first; equally urgent ones are left in their order. */
    public static final Comparator<DraftFinding> MOST_URGENT = Comparator
            .comparingInt((DraftFinding draft) -> urgencyRank(draft.getUrgency()))
            .thenComparingInt(draft -> priorityRank(draft.getPriority()));

    /** Most urgent first, then arrival. */
    public static final Comparator<ArrivedDraft> URGENT_FIRST = Comparator
            .comparing(ArrivedDraft::draft, MOST_URGENT)
            .thenComparingLong(ArrivedDraft::arrival);

    private DraftOrder() {
    }

    static int urgencyRank(Urgency urgency) {
        return switch (urgency) {
            case URGENT -> 0;
            case UNCERTAIN -> 1;
            case ROUTINE -> 2;
        };
    }

    static int priorityRank(Priority priority) {
        return switch (priority) {
            case STAT -> 0;
            case URGENT -> 1;
            case ROUTINE -> 2;
        };
    }
}
