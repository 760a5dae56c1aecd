package org.imagingtriage.devstack.cli;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The design's topics with settings fit for one local broker. The pipeline issue moves topic
 * provisioning into the topology's configuration; the demo will then use that.
 */
final class DemoTopics {

    static final String EVENTS = "imaging.events";
    static final String PRIORITY_EVENTS = "imaging.events.priority";
    static final String DRAFTS = "triage.drafts";
    static final String DEAD_LETTERS = "imaging.dlq";
    static final String REVIEWS = "triage.reviews";

    /** Inline images travel in events and, when they fail, in dead letters. */
    private static final String LARGE_MESSAGES = Integer.toString(16 * 1024 * 1024);

    private DemoTopics() {
    }

    static List<NewTopic> all() {
        return List.of(
                topic(EVENTS, 3, Map.of("max.message.bytes", LARGE_MESSAGES)),
                topic(PRIORITY_EVENTS, 1, Map.of("max.message.bytes", LARGE_MESSAGES)),
                topic(DRAFTS, 3, Map.of("cleanup.policy", "compact")),
                topic(DEAD_LETTERS, 1, Map.of("max.message.bytes", LARGE_MESSAGES)),
                topic(REVIEWS, 1, Map.of()));
    }

    private static NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, partitions, (short) 1).configs(configs);
    }
}
