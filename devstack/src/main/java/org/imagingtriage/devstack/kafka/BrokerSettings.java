package org.imagingtriage.devstack.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Broker properties for a single node that must behave like a production cluster for the
 * pipeline: exactly_once_v2 needs the transaction and offsets topics to be creatable, and with
 * the production defaults (replication factor 3, min ISR 2) they never are on one node, so
 * transactional producers and Streams applications would hang instead of failing.
 *
 * @param messageMaxBytes          the largest record batch the broker accepts; inline images
 *                                 are far larger than Kafka's 1 MiB default
 * @param internalTopicPartitions  partitions of the offsets, transaction and share-state topics;
 *                                 the production default of 50 only slows a one-node start-up
 * @param overrides                further broker properties, applied last so they win
 */
public record BrokerSettings(int messageMaxBytes, int internalTopicPartitions, Map<String, String> overrides) {

    /** 16 MiB: room for an inline de-identified image plus its envelope. */
    public static final int DEFAULT_MESSAGE_MAX_BYTES = 16 * 1024 * 1024;
    /** Kafka rejects any request larger than socket.request.max.bytes (100 MiB by default). */
    public static final int MAX_MESSAGE_MAX_BYTES = 64 * 1024 * 1024;
    public static final int MIN_MESSAGE_MAX_BYTES = 1024;
    public static final int DEFAULT_INTERNAL_TOPIC_PARTITIONS = 1;

    public BrokerSettings {
        if (messageMaxBytes < MIN_MESSAGE_MAX_BYTES || messageMaxBytes > MAX_MESSAGE_MAX_BYTES) {
            throw new IllegalArgumentException("messageMaxBytes must be between " + MIN_MESSAGE_MAX_BYTES
                    + " and " + MAX_MESSAGE_MAX_BYTES + " but was " + messageMaxBytes);
        }
        if (internalTopicPartitions < 1) {
            throw new IllegalArgumentException(
                    "internalTopicPartitions must be at least 1 but was " + internalTopicPartitions);
        }
        Objects.requireNonNull(overrides, "overrides must not be null");
        overrides.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException(
                        "overrides must have non-blank keys and non-null values but had " + key + "=" + value);
            }
        });
        overrides = Map.copyOf(overrides);
    }

    public static BrokerSettings defaults() {
        return new BrokerSettings(DEFAULT_MESSAGE_MAX_BYTES, DEFAULT_INTERNAL_TOPIC_PARTITIONS, Map.of());
    }

    public BrokerSettings withMessageMaxBytes(int bytes) {
        return new BrokerSettings(bytes, internalTopicPartitions, overrides);
    }

    public BrokerSettings withInternalTopicPartitions(int partitions) {
        return new BrokerSettings(messageMaxBytes, partitions, overrides);
    }

    public BrokerSettings withOverride(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.put(key, value);
        return new BrokerSettings(messageMaxBytes, internalTopicPartitions, merged);
    }

    /** The broker properties these settings stand for, in a stable order. */
    public Map<String, String> toBrokerProperties() {
        String partitions = Integer.toString(internalTopicPartitions);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", partitions);
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", partitions);
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", partitions);
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Consumer groups and Streams would otherwise wait 3 s before their first assignment.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("message.max.bytes", Integer.toString(messageMaxBytes));
        props.put("replica.fetch.max.bytes", Integer.toString(messageMaxBytes));
        props.putAll(overrides);
        return props;
    }
}
