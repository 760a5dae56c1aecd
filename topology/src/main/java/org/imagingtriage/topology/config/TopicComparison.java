package org.imagingtriage.topology.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares an existing topic with what the pipeline needs. Three kinds of difference:
 * <ul>
 *   <li>breaking, always an error: a topic that carries images but refuses records that large,
 *       a drafts or reviews topic that is not compacted;</li>
 *   <li>short of the configuration (fewer partitions or replicas, shorter retention): an error
 *       when {@code topics.require.match} is true, else a warning;</li>
 *   <li>beyond the configuration (more partitions, longer retention): a warning, harmless.</li>
 * </ul>
 */
final class TopicComparison {

    private TopicComparison() {
    }

    static List<TopicFinding> compare(TopicSpec spec, ObservedTopic topic, boolean requireMatch) {
        List<TopicFinding> findings = new ArrayList<>();
        comparePartitions(spec, topic, requireMatch, findings);
        compareReplication(spec, topic, requireMatch, findings);
        if (topic.configs().isEmpty()) {
            findings.add(TopicFinding.warning(spec.name(), "configs", "topic " + spec.name()
                    + ": its configs could not be read (the principal needs DESCRIBE_CONFIGS on it), so "
                    + "max.message.bytes, cleanup.policy and retention.ms were not checked"));
            return findings;
        }
        if (spec.requiredMaxMessageBytes() > 0) {
            compareMaxMessageBytes(spec, topic, findings);
        }
        if (spec.definition().role().compacted()) {
            compareCompaction(spec, topic, findings);
        } else {
            compareRetention(spec, topic, requireMatch, findings);
        }
        return findings;
    }

    private static void comparePartitions(TopicSpec spec, ObservedTopic topic, boolean requireMatch,
                                          List<TopicFinding> findings) {
        int wanted = spec.definition().partitions();
        String key = spec.definition().role().partitionsKey();
        if (topic.partitions() < wanted) {
            String advice = spec.definition().role().compacted()
                    ? "adding partitions to a compacted topic moves keys to other partitions, so recreate it with "
                            + wanted + " partitions, or lower " + key
                    : "add partitions (kafka-topics.sh --alter --topic " + spec.name() + " --partitions " + wanted
                            + ") or lower " + key;
            findings.add(shortOf(requireMatch, spec.name(), "partitions", "topic " + spec.name() + " has "
                    + topic.partitions() + " partitions, fewer than " + key + "=" + wanted
                    + ", which limits how many tasks work in parallel: " + advice));
        } else if (topic.partitions() > wanted) {
            findings.add(TopicFinding.warning(spec.name(), "partitions", "topic " + spec.name() + " has "
                    + topic.partitions() + " partitions, more than " + key + "=" + wanted + " (harmless)"));
        }
    }

    private static void compareReplication(TopicSpec spec, ObservedTopic topic, boolean requireMatch,
                                           List<TopicFinding> findings) {
        if (spec.replicationFactor() != TopicSettings.BROKER_DEFAULT_REPLICATION
                && topic.replicationFactor() < spec.replicationFactor()) {
            findings.add(shortOf(requireMatch, spec.name(), "replication.factor", "topic " + spec.name()
                    + " has " + topic.replicationFactor() + " replicas per partition, fewer than "
                    + ConfigKeys.TOPICS_REPLICATION_FACTOR + "=" + spec.replicationFactor()
                    + ": losing a broker may lose or block its records"));
        }
    }

    private static void compareMaxMessageBytes(TopicSpec spec, ObservedTopic topic, List<TopicFinding> findings) {
        String key = TopicConfig.MAX_MESSAGE_BYTES_CONFIG;
        Optional<Long> actual = topic.config(key).flatMap(TopicComparison::parseLong);
        long configured = Long.parseLong(spec.configs().get(key));
        if (actual.isEmpty()) {
            findings.add(TopicFinding.warning(spec.name(), key, "topic " + spec.name() + ": " + key
                    + " could not be read, so whether it fits inline images was not checked"));
        } else if (actual.get() < spec.requiredMaxMessageBytes()) {
            findings.add(TopicFinding.error(spec.name(), key, "topic " + spec.name() + " has " + key + "="
                    + actual.get() + ", too small for events with inline images up to "
                    + ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES + " (they need " + spec.requiredMaxMessageBytes()
                    + " bytes with their envelope): raise it (kafka-configs.sh --alter --entity-type topics"
                    + " --entity-name " + spec.name() + " --add-config " + key + "=" + configured
                    + ") or lower " + ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES));
        } else if (actual.get() < configured) {
            findings.add(TopicFinding.warning(spec.name(), key, "topic " + spec.name() + " has " + key + "="
                    + actual.get() + ", below " + ConfigKeys.TOPICS_MAX_MESSAGE_BYTES + "=" + configured
                    + " but enough for the inline image limit"));
        }
    }

    private static void compareCompaction(TopicSpec spec, ObservedTopic topic, List<TopicFinding> findings) {
        String key = TopicConfig.CLEANUP_POLICY_CONFIG;
        List<String> policies = policies(topic);
        if (!policies.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            findings.add(TopicFinding.error(spec.name(), key, "topic " + spec.name() + " has " + key + "="
                    + String.join(",", policies) + " but must be compacted (" + key + "=compact): it is keyed by "
                    + "SOP Instance UID and readers rely on the latest record per image being kept; alter it with"
                    + " kafka-configs.sh --alter --entity-type topics --entity-name " + spec.name()
                    + " --add-config " + key + "=compact"));
        } else if (policies.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            findings.add(TopicFinding.warning(spec.name(), key, "topic " + spec.name() + " has " + key
                    + "=compact,delete: records older than its retention.ms are deleted even when they are "
                    + "the latest for their image"));
        }
    }

    private static void compareRetention(TopicSpec spec, ObservedTopic topic, boolean requireMatch,
                                         List<TopicFinding> findings) {
        if (policies(topic).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            findings.add(TopicFinding.warning(spec.name(), TopicConfig.CLEANUP_POLICY_CONFIG, "topic " + spec.name()
                    + " is compacted: records repeated for one image may be removed before they are processed"));
        }
        String key = TopicConfig.RETENTION_MS_CONFIG;
        String configuredKey = spec.definition().role().retentionKey();
        long configured = spec.definition().retention().orElseThrow().toMillis();
        Optional<Long> actual = topic.config(key).flatMap(TopicComparison::parseLong);
        if (actual.isEmpty() || actual.get() == configured) {
            return;
        }
        boolean forever = actual.get() < 0;
        if (!forever && actual.get() < configured) {
            findings.add(shortOf(requireMatch, spec.name(), key, "topic " + spec.name() + " has " + key + "="
                    + actual.get() + ", shorter than " + configuredKey + "=" + configured
                    + ": records are deleted sooner than configured"));
        } else {
            findings.add(TopicFinding.warning(spec.name(), key, "topic " + spec.name() + " has " + key + "="
                    + actual.get() + (forever ? " (forever)" : "") + ", longer than " + configuredKey + "="
                    + configured + " (harmless, uses more disk)"));
        }
    }

    private static TopicFinding shortOf(boolean requireMatch, String topic, String setting, String message) {
        return requireMatch
                ? TopicFinding.error(topic, setting, message + " (set " + ConfigKeys.TOPICS_REQUIRE_MATCH
                        + "=false to run anyway)")
                : TopicFinding.warning(topic, setting, message);
    }

    private static List<String> policies(ObservedTopic topic) {
        return topic.config(TopicConfig.CLEANUP_POLICY_CONFIG)
                .map(value -> Arrays.stream(value.split(","))
                        .map(policy -> policy.trim().toLowerCase(Locale.ROOT))
                        .filter(policy -> !policy.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
