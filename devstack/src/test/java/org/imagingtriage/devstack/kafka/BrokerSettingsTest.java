package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void defaultsLetExactlyOnceWorkOnOneNode() {
        // given / when
        Map<String, String> props = BrokerSettings.defaults().toBrokerProperties();

        // then: every internal topic fits one replica, and large images fit a batch
        assertThat(props)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("message.max.bytes", Integer.toString(16 * 1024 * 1024));
    }

    @Test
    void overridesWinOverTheSingleNodeDefaults() {
        // given
        BrokerSettings settings = BrokerSettings.defaults()
                .withMessageMaxBytes(2 * 1024 * 1024)
                .withInternalTopicPartitions(3)
                .withOverride("min.insync.replicas", "2")
                .withOverride("log.retention.ms", "60000");

        // when
        Map<String, String> props = settings.toBrokerProperties();

        // then
        assertThat(props)
                .containsEntry("message.max.bytes", "2097152")
                .containsEntry("offsets.topic.num.partitions", "3")
                .containsEntry("transaction.state.log.num.partitions", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("log.retention.ms", "60000");
    }

    @Test
    void rejectsValuesABrokerCouldNotRunWith() {
        assertThatThrownBy(() -> BrokerSettings.defaults().withMessageMaxBytes(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageMaxBytes");
        assertThatThrownBy(() -> BrokerSettings.defaults().withMessageMaxBytes(128 * 1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageMaxBytes");
        assertThatThrownBy(() -> BrokerSettings.defaults().withInternalTopicPartitions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("internalTopicPartitions");
        assertThatThrownBy(() -> BrokerSettings.defaults().withOverride(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overrides");
    }

    @Test
    void keepsItsOwnCopyOfTheOverrides() {
        // given
        Map<String, String> overrides = new HashMap<>(Map.of("log.retention.ms", "1000"));
        BrokerSettings settings = new BrokerSettings(BrokerSettings.DEFAULT_MESSAGE_MAX_BYTES, 1, overrides);

        // when
        overrides.put("log.retention.ms", "2000");

        // then
        assertThat(settings.toBrokerProperties()).containsEntry("log.retention.ms", "1000");
    }
}
