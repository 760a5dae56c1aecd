package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.imagingtriage.schemas.serde.AvroSerdeConfig;
import org.imagingtriage.schemas.serde.SubjectNameStrategy;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void registryKeysBecomeTheSerdesConfluentNames() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(
                ConfigKeys.REGISTRY_URL, "http://a:8081,http://b:8081",
                ConfigKeys.REGISTRY_CREDENTIALS_SOURCE, "USER_INFO",
                ConfigKeys.REGISTRY_USER_INFO, "triage:pw",
                ConfigKeys.REGISTRY_READ_TIMEOUT_MS, "1500",
                ConfigKeys.REGISTRY_AUTO_REGISTER_SCHEMAS, "false",
                ConfigKeys.REGISTRY_VALUE_SUBJECT_STRATEGY, "RecordNameStrategy"));

        // when
        TriageConfig config = TestConfigs.load(properties);

        // then
        assertThat(config.serdeConfig())
                .containsEntry("schema.registry.url", "http://a:8081,http://b:8081")
                .containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "triage:pw")
                .containsEntry("http.read.timeout.ms", "1500")
                .containsEntry("auto.register.schemas", "false")
                .containsEntry("value.subject.name.strategy", "RecordNameStrategy")
                .doesNotContainKey("url");
        AvroSerdeConfig serde = config.registry().avroSerdeConfig();
        assertThat(serde.autoRegisterSchemas()).isFalse();
        assertThat(serde.valueSubjectStrategy()).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(serde.registry().urls()).hasSize(2);
        assertThat(serde.registry().requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void unsetKeysCarryTheSerdesDefaults() {
        // when
        RegistrySettings registry = RegistrySettings.forUrl("http://registry:8081");

        // then
        assertThat(registry.confluentConfigs())
                .containsEntry("auto.register.schemas", "true")
                .containsEntry("use.latest.version", "false")
                .containsEntry("http.connect.timeout.ms", "10000")
                .doesNotContainKey("basic.auth.user.info");
        assertThat(registry.clientConfig().maxRetries()).isEqualTo(3);
    }
}
