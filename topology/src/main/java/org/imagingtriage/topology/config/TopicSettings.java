package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline's topics and how they are provisioned.
 *
 * @param replicationFactor replicas per partition for topics the pipeline creates; -1 leaves it to
 *     the broker's {@code default.replication.factor}
 * @param maxMessageBytes {@code max.message.bytes} of the topics that carry images (events,
 *     priority events, dead letters); must fit an inline image and its envelope
 * @param provisioning whether missing topics are created or only reported
 * @param requireMatch whether an existing topic with fewer partitions, fewer replicas or a shorter
 *     retention than configured fails start-up (true) or is only reported (false)
 * @param adminTimeout the longest wait for each Admin call while provisioning
 */
public record TopicSettings(TopicDefinition events, TopicDefinition priorityEvents, TopicDefinition drafts,
                            TopicDefinition deadLetters, TopicDefinition reviews, int replicationFactor,
                            int maxMessageBytes, ProvisioningMode provisioning, boolean requireMatch,
                            Duration adminTimeout) {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final int BROKER_DEFAULT_REPLICATION = -1;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final Duration DEFAULT_ADMIN_TIMEOUT = Duration.ofSeconds(30);

    public TopicSettings {
        requireRole(events, TopicRole.EVENTS);
        requireRole(priorityEvents, TopicRole.PRIORITY_EVENTS);
        requireRole(drafts, TopicRole.DRAFTS);
        requireRole(deadLetters, TopicRole.DEAD_LETTERS);
        requireRole(reviews, TopicRole.REVIEWS);
        requireDistinctNames(List.of(events, priorityEvents, drafts, deadLetters, reviews));
        if (replicationFactor != BROKER_DEFAULT_REPLICATION && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
            throw new TriageConfigException(ConfigKeys.TOPICS_REPLICATION_FACTOR, ConfigKeys.TOPICS_REPLICATION_FACTOR
                    + " must be at least 1, or -1 for the broker's default.replication.factor");
        }
        if (maxMessageBytes < 1) {
            throw new TriageConfigException(ConfigKeys.TOPICS_MAX_MESSAGE_BYTES,
                    ConfigKeys.TOPICS_MAX_MESSAGE_BYTES + " must be positive");
        }
        Objects.requireNonNull(provisioning, ConfigKeys.TOPICS_PROVISIONING);
        Durations.requirePositive(adminTimeout, ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS);
        if (adminTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new TriageConfigException(ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS,
                    ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS + " must be at most " + Integer.MAX_VALUE);
        }
    }

    /** The design's topics: names, retention and compaction, 6 partitions, broker replication. */
    public static TopicSettings defaults() {
        return new TopicSettings(
                TopicDefinition.defaults(TopicRole.EVENTS, DEFAULT_PARTITIONS),
                TopicDefinition.defaults(TopicRole.PRIORITY_EVENTS, DEFAULT_PARTITIONS),
                TopicDefinition.defaults(TopicRole.DRAFTS, DEFAULT_PARTITIONS),
                TopicDefinition.defaults(TopicRole.DEAD_LETTERS, DEFAULT_PARTITIONS),
                TopicDefinition.defaults(TopicRole.REVIEWS, DEFAULT_PARTITIONS),
                BROKER_DEFAULT_REPLICATION, DEFAULT_MAX_MESSAGE_BYTES, ProvisioningMode.CREATE, true,
                DEFAULT_ADMIN_TIMEOUT);
    }

    public static TopicSettings from(ConfigValues values) {
        int partitions = values.integer(ConfigKeys.TOPICS_PARTITIONS, DEFAULT_PARTITIONS);
        if (partitions < 1) {
            throw new TriageConfigException(ConfigKeys.TOPICS_PARTITIONS, ConfigKeys.TOPICS_PARTITIONS
                    + " must be at least 1");
        }
        return new TopicSettings(
                TopicDefinition.from(TopicRole.EVENTS, values, partitions),
                TopicDefinition.from(TopicRole.PRIORITY_EVENTS, values, partitions),
                TopicDefinition.from(TopicRole.DRAFTS, values, partitions),
                TopicDefinition.from(TopicRole.DEAD_LETTERS, values, partitions),
                TopicDefinition.from(TopicRole.REVIEWS, values, partitions),
                values.integer(ConfigKeys.TOPICS_REPLICATION_FACTOR, BROKER_DEFAULT_REPLICATION),
                values.integer(ConfigKeys.TOPICS_MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES),
                values.choice(ConfigKeys.TOPICS_PROVISIONING, ProvisioningMode.CREATE, ProvisioningMode::configValue),
                values.bool(ConfigKeys.TOPICS_REQUIRE_MATCH, true),
                values.millis(ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS, DEFAULT_ADMIN_TIMEOUT.toMillis()));
    }

    /** Every topic, in {@link TopicRole} order. */
    public List<TopicDefinition> all() {
        return List.of(events, priorityEvents, drafts, deadLetters, reviews);
    }

    public TopicDefinition topic(TopicRole role) {
        return switch (role) {
            case EVENTS -> events;
            case PRIORITY_EVENTS -> priorityEvents;
            case DRAFTS -> drafts;
            case DEAD_LETTERS -> deadLetters;
            case REVIEWS -> reviews;
        };
    }

    private static void requireRole(TopicDefinition definition, TopicRole role) {
        Objects.requireNonNull(definition, role.nameKey());
        if (definition.role() != role) {
            throw new IllegalArgumentException("the " + role.id() + " topic was given the definition of "
                    + definition.role().id());
        }
    }

    private static void requireDistinctNames(List<TopicDefinition> definitions) {
        Map<String, TopicDefinition> byName = new HashMap<>();
        for (TopicDefinition definition : definitions) {
            TopicDefinition earlier = byName.putIfAbsent(definition.name(), definition);
            if (earlier != null) {
                throw new TriageConfigException(List.of(earlier.role().nameKey(), definition.role().nameKey()),
                        earlier.role().nameKey() + " and " + definition.role().nameKey()
                                + " name the same topic: each role needs its own");
            }
        }
    }
}
