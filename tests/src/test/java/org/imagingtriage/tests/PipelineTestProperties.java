package org.imagingtriage.tests;

import java.util.LinkedHashMap;
import java.util.Map;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.topology.config.TopicRole;

/**
 * The start of every test's {@code triage.properties}: the brokers, the registry, and a topic of
 * its own for each of the pipeline's roles, so tests sharing a broker never read each other's
 * records. Tests add Triton, the application id and their own settings to the map.
 */
public final class PipelineTestProperties {

    private PipelineTestProperties() {
    }

    /**
     * @param purpose names the topics ({@code <purpose>-events-<unique>} and so on)
     * @return a mutable map, in insertion order
     */
    public static Map<String, String> withOwnTopics(String purpose, String bootstrapServers, String registryUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("registry.url", registryUrl);
        for (TopicRole role : TopicRole.values()) {
            properties.put(role.nameKey(), TopicNames.unique(purpose + "-" + role.id()));
        }
        return properties;
    }
}
