package org.imagingtriage.topology.pipeline;

import org.imagingtriage.topology.config.TopicDefinition;
import org.imagingtriage.topology.config.TopicSettings;

/**
 * The two ways into the pipeline. Each lane is its own Streams application with its own stream
 * threads: a thread that waits for in-flight capacity under a routine backlog would otherwise
 * hold up the STAT events of every task it owns, and Streams orders the records of one task by
 * timestamp, so a STAT event would also queue behind every older routine event of its task.
 */
public enum Lane {
    /** {@code imaging.events}: everything not urgent. */
    ROUTINE(""),
    /** {@code imaging.events.priority}: STAT and URGENT, with reserved in-flight capacity. */
    PRIORITY("-priority");

    private final String applicationIdSuffix;

    Lane(String applicationIdSuffix) {
        this.applicationIdSuffix = applicationIdSuffix;
    }

    /** The topic the lane reads. */
    public TopicDefinition source(TopicSettings topics) {
        return this == PRIORITY ? topics.priorityEvents() : topics.events();
    }

    /** The lane's {@code application.id}: the routine lane keeps the configured one. */
    public String applicationId(String configured) {
        return configured + applicationIdSuffix;
    }

    /** Whether the lane may take the in-flight slots reserved for STAT and URGENT events. */
    public boolean mayUseReservedCapacity() {
        return this == PRIORITY;
    }
}
