package org.imagingtriage.topology.pipeline;

import java.util.Objects;

/** Where a record was read: what a dead letter names so an operator can find and replay it. */
public record SourceCoordinates(String topic, int partition, long offset) {

    public SourceCoordinates {
        Objects.requireNonNull(topic, "topic");
    }
}
