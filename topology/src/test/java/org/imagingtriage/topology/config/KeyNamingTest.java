package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyNamingTest {

    @Test
    void environmentVariablesAreTheKeyUpperCasedWithUnderscores() {
        // when / then
        assertThat(ConfigKey.environmentVariable("triton.target")).isEqualTo("TRIAGE_TRITON_TARGET");
        assertThat(ConfigKey.environmentVariable("kafka.sasl.jaas.config")).isEqualTo("TRIAGE_KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void everyVariableMapsBackToItsKey() {
        // given
        List<String> keys = ConfigKeys.ALL.stream().map(ConfigKey::name).toList();

        // when / then
        assertThat(keys).allSatisfy(key -> assertThat(EnvironmentOverrides.keyOf(ConfigKey.environmentVariable(key)))
                .isEqualTo(key));
        assertThat(EnvironmentOverrides.keyOf("TRIAGE_KAFKA_SSL_KEYSTORE_PASSWORD")).isEqualTo("kafka.ssl.keystore.password");
        assertThat(EnvironmentOverrides.keyOf("TRIAGE_KAFKA_PRODUCER_LINGER_MS")).isEqualTo("kafka.producer.linger.ms");
    }

    @Test
    void onlyTriageVariablesAreRead() {
        // given
        Map<String, String> environment = Map.of("HOME", "/root", "TRIAGE_TRITON_TARGET", "t:1",
                "TRIAGE_CONFIG_FILE", "/etc/triage.properties");

        // when
        var overrides = EnvironmentOverrides.read(environment);

        // then
        assertThat(overrides).containsOnlyKeys("triton.target");
        assertThat(overrides.get("triton.target").variable()).isEqualTo("TRIAGE_TRITON_TARGET");
    }

    @Test
    void theClosestKeyForgivesSwapsAndSlips() {
        // given
        List<String> known = ConfigKeys.ALL.stream().map(ConfigKey::name).toList();

        // when / then
        assertThat(ClosestKey.among("trtion.target", known)).contains("triton.target");
        assertThat(ClosestKey.among("topic.partitions", known)).contains("topics.partitions");
        assertThat(ClosestKey.among("registry.urls", known)).contains("registry.url");
        assertThat(ClosestKey.distance("ab", "ba")).isEqualTo(1);
        assertThat(ClosestKey.distance("", "abc")).isEqualTo(3);
    }
}
