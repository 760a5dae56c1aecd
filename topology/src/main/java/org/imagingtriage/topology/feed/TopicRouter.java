package org.imagingtriage.topology.feed;

import java.util.Objects;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.config.TopicSettings;

/**
 * Which topic an event goes to: STAT and URGENT to the priority topic, which the pipeline reads
 * with reserved capacity so a routine backlog cannot delay them; ROUTINE to the events topic.
 */
public record TopicRouter(String eventsTopic, String priorityTopic) {

    public TopicRouter {
        Objects.requireNonNull(eventsTopic, "eventsTopic");
        Objects.requireNonNull(priorityTopic, "priorityTopic");
    }

    public static TopicRouter from(TopicSettings topics) {
        return new TopicRouter(topics.events().name(), topics.priorityEvents().name());
    }

    public String topicFor(Priority priority) {
        return switch (Objects.requireNonNull(priority, "priority")) {
            case STAT, URGENT -> priorityTopic;
            case ROUTINE -> eventsTopic;
        };
    }
}
