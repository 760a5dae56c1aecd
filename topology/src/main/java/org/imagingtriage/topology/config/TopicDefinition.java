package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One of the pipeline's topics as configured.
 *
 * @param retention how long records are kept; empty exactly for compacted topics
 */
public record TopicDefinition(TopicRole role, String name, int partitions, Optional<Duration> retention) {

    public TopicDefinition {
        Objects.requireNonNull(role, "role");
        if (name == null || !TopicNameRules.isLegalName(name)) {
            throw new TriageConfigException(role.nameKey(), role.nameKey() + " must be a Kafka topic name: 1 to "
                    + TopicNameRules.MAX_LENGTH + " ASCII letters, digits, '.', '_' or '-'");
        }
        if (partitions < 1) {
            throw new TriageConfigException(role.partitionsKey(), role.partitionsKey() + " must be at least 1");
        }
        Objects.requireNonNull(retention, role.retentionKey());
        if (role.compacted() && retention.isPresent()) {
            throw new IllegalArgumentException("topic " + role.id() + " is compacted and has no retention time");
        }
        if (!role.compacted()) {
            Durations.requirePositive(retention.orElse(null), role.retentionKey());
        }
    }

    /** The design's name and retention, with {@code partitions}. */
    public static TopicDefinition defaults(TopicRole role, int partitions) {
        return new TopicDefinition(role, role.defaultName(), partitions, role.defaultRetention());
    }

    public static TopicDefinition from(TopicRole role, ConfigValues values, int defaultPartitions) {
        return new TopicDefinition(
                role,
                values.string(role.nameKey(), role.defaultName()),
                values.integer(role.partitionsKey(), defaultPartitions),
                role.defaultRetention().map(retention -> values.millis(role.retentionKey(), retention.toMillis())));
    }
}
