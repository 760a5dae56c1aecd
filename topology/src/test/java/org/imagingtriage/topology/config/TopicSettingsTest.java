package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void defaultsAreTheDesignsTopics() {
        // when
        TopicSettings topics = TestConfigs.load(TestConfigs.minimal()).topics();

        // then
        assertThat(topics.all()).extracting(TopicDefinition::name).containsExactly(
                "imaging.events", "imaging.events.priority", "triage.drafts", "imaging.dlq", "triage.reviews");
        assertThat(topics.events().retention()).contains(Duration.ofDays(7));
        assertThat(topics.priorityEvents().retention()).contains(Duration.ofDays(7));
        assertThat(topics.deadLetters().retention()).contains(Duration.ofDays(30));
        assertThat(topics.drafts().retention()).isEmpty();
        assertThat(topics.reviews().retention()).isEmpty();
        assertThat(topics.maxMessageBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(topics.all()).allSatisfy(topic -> assertThat(topic.partitions()).isEqualTo(6));
        assertThat(topics).isEqualTo(TopicSettings.defaults());
    }

    @Test
    void topicsThatCarryImagesAreSizedForThemAndKeyedOnesAreCompacted() {
        // given
        TriageConfig config = TestConfigs.load(TestConfigs.with(Map.of(ConfigKeys.TOPICS_REPLICATION_FACTOR, "3")));

        // when
        Map<String, NewTopic> topics = new HashMap<>();
        TopicSpec.of(config.topics(), config.limits()).forEach(spec -> topics.put(spec.name(), spec.newTopic()));

        // then
        assertThat(topics.get("imaging.events").configs()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cleanup.policy", "delete", "retention.ms", "604800000", "max.message.bytes", "16777216"));
        assertThat(topics.get("imaging.events.priority").configs()).containsEntry("max.message.bytes", "16777216");
        assertThat(topics.get("imaging.dlq").configs()).containsEntry("retention.ms", "2592000000")
                .containsEntry("max.message.bytes", "16777216");
        assertThat(topics.get("triage.drafts").configs()).containsExactlyEntriesOf(Map.of("cleanup.policy", "compact"));
        assertThat(topics.get("triage.reviews").configs()).containsExactlyEntriesOf(Map.of("cleanup.policy", "compact"));
        assertThat(topics.values()).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        });
    }

    @Test
    void theBrokersReplicationDefaultIsLeftToTheBroker() {
        // given
        TriageConfig config = TestConfigs.load(TestConfigs.minimal());

        // when
        TopicSpec events = TopicSpec.of(config.topics(), config.limits()).get(0);

        // then
        assertThat(events.newTopic().replicationFactor()).isEqualTo((short) -1);
        assertThat(events.createCommand()).isEqualTo("kafka-topics.sh --bootstrap-server BROKERS --create --topic "
                + "imaging.events --partitions 6 --config cleanup.policy=delete --config max.message.bytes=16777216 "
                + "--config retention.ms=604800000");
        assertThat(events.requiredMaxMessageBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void namesPartitionsAndRetentionAreConfigurablePerTopic() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(
                "topics.events.name", "site-a.imaging.events",
                "topics.partitions", "12",
                "topics.dlq.partitions", "1",
                "topics.dlq.retention.ms", "86400000",
                ConfigKeys.TOPICS_PROVISIONING, "check",
                ConfigKeys.TOPICS_REQUIRE_MATCH, "false"));

        // when
        TopicSettings topics = TestConfigs.load(properties).topics();

        // then
        assertThat(topics.events().name()).isEqualTo("site-a.imaging.events");
        assertThat(topics.events().partitions()).isEqualTo(12);
        assertThat(topics.deadLetters().partitions()).isEqualTo(1);
        assertThat(topics.deadLetters().retention()).contains(Duration.ofDays(1));
        assertThat(topics.provisioning()).isEqualTo(ProvisioningMode.CHECK);
        assertThat(topics.requireMatch()).isFalse();
        assertThat(topics.topic(TopicRole.DEAD_LETTERS)).isEqualTo(topics.deadLetters());
    }
}
