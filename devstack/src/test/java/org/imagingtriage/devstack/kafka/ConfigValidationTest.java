package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    @Test
    void embeddedDefaultsAreUsable() {
        // given / when
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withMessageMaxBytes(4 * 1024 * 1024);

        // then
        assertThat(config.broker().messageMaxBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.startupTimeout()).isPositive();
    }

    @Test
    void embeddedConfigNamesTheBadField() {
        assertThatThrownBy(() -> EmbeddedKafkaConfig.defaults().withStartupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startupTimeout");
        assertThatThrownBy(() -> new EmbeddedKafkaConfig(null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("broker");
    }

    @Test
    void processConfigNamesTheBadField() {
        KafkaBrokerProcessConfig defaults = KafkaBrokerProcessConfig.defaults();
        assertThatThrownBy(() -> defaults.withShutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout");
        assertThatThrownBy(() -> defaults.withStartupTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("startupTimeout");
        assertThatThrownBy(() -> defaults.withJvmOptions(List.of("-Xmx256m", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jvmOptions");
        assertThatThrownBy(() -> defaults.withParentDirectory(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("parentDirectory");
    }

    @Test
    void processDefaultsGiveTheChildASmallHeap() {
        // given / when
        KafkaBrokerProcessConfig config = KafkaBrokerProcessConfig.defaults().withParentDirectory(Path.of("target"));

        // then
        assertThat(config.jvmOptions()).contains("-Xmx512m");
        assertThat(config.parentDirectory()).isEqualTo(Path.of("target"));
    }

    @Test
    void topicNamesAreUniqueAndKeepTheirPurpose() {
        // given / when
        String first = TopicNames.unique("images-in");
        String second = TopicNames.unique("images-in");

        // then
        assertThat(first).startsWith("images-in-").isNotEqualTo(second).matches("[a-zA-Z0-9._-]+");
    }
}
