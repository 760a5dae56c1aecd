package org.imagingtriage.topology.review;

import java.util.Objects;
import org.imagingtriage.contract.DraftFinding;

/**
 * A draft as the reviewer received it: where it was read from, and its arrival rank within its
 * poll, which breaks ties when two drafts are equally urgent.
 */
public record ArrivedDraft(DraftFinding draft, String topic, int partition, long offset, long arrival) {

    public ArrivedDraft {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(topic, "topic");
    }
}
