package org.imagingtriage.topology.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What one topic must look like, from the configuration.
 *
 * @param replicationFactor -1 for the broker's default
 * @param configs the topic configs the pipeline sets when it creates the topic
 * @param requiredMaxMessageBytes the smallest {@code max.message.bytes} that fits an inline image
 *     and its envelope, for topics that carry images; 0 for the others
 */
public record TopicSpec(TopicDefinition definition, int replicationFactor, Map<String, String> configs,
                        long requiredMaxMessageBytes) {

    public TopicSpec {
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    public static List<TopicSpec> of(TopicSettings topics, LimitSettings limits) {
        List<TopicSpec> specs = new ArrayList<>();
        for (TopicDefinition definition : topics.all()) {
            Map<String, String> configs = new TreeMap<>();
            long required = 0;
            if (definition.role().compacted()) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            } else {
                // Explicit, in case the broker's log.cleanup.policy default is compact.
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
                configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(definition.retention().orElseThrow().toMillis()));
            }
            if (definition.role().carriesImages()) {
                configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(topics.maxMessageBytes()));
                required = limits.maxEventRecordBytes();
            }
            specs.add(new TopicSpec(definition, topics.replicationFactor(), configs, required));
        }
        return List.copyOf(specs);
    }

    public String name() {
        return definition.name();
    }

    public NewTopic newTopic() {
        Optional<Short> replication = replicationFactor == TopicSettings.BROKER_DEFAULT_REPLICATION
                ? Optional.empty() : Optional.of((short) replicationFactor);
        return new NewTopic(name(), Optional.of(definition.partitions()), replication).configs(configs);
    }

    /** How an administrator creates this topic by hand, for when the pipeline may not. */
    public String createCommand() {
        StringBuilder command = new StringBuilder("kafka-topics.sh --bootstrap-server BROKERS --create --topic ")
                .append(name())
                .append(" --partitions ").append(definition.partitions());
        if (replicationFactor != TopicSettings.BROKER_DEFAULT_REPLICATION) {
            command.append(" --replication-factor ").append(replicationFactor);
        }
        configs.forEach((key, value) -> command.append(" --config ").append(key).append('=').append(value));
        return command.toString();
    }

    /** The settings in one line, e.g. {@code partitions=6, cleanup.policy=compact}. */
    public String settingsSummary() {
        String replication = replicationFactor == TopicSettings.BROKER_DEFAULT_REPLICATION
                ? "the broker's default" : Integer.toString(replicationFactor);
        return "partitions=" + definition.partitions() + ", replication factor " + replication + ", "
                + configs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
