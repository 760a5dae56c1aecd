package org.imagingtriage.topology.config;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * An existing topic as the cluster describes it.
 *
 * @param replicationFactor the fewest replicas of any partition
 * @param configs the effective topic configs (explicit or inherited from the broker); empty when
 *     the principal may not read them
 */
public record ObservedTopic(String name, int partitions, int replicationFactor, Optional<Map<String, String>> configs) {

    public ObservedTopic {
        configs = configs.map(Map::copyOf);
    }

    static ObservedTopic of(TopicDescription description, Optional<Config> config) {
        int replication = description.partitions().stream()
                .mapToInt(partition -> partition.replicas().size())
                .min()
                .orElse(0);
        return new ObservedTopic(description.name(), description.partitions().size(), replication,
                config.map(ObservedTopic::values));
    }

    Optional<String> config(String key) {
        return configs.flatMap(values -> Optional.ofNullable(values.get(key)));
    }

    private static Map<String, String> values(Config config) {
        return config.entries().stream()
                .filter(entry -> entry.value() != null)
                .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value, (first, second) -> first));
    }
}
