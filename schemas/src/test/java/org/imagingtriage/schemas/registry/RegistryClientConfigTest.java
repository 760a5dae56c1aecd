package org.imagingtriage.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

    @Test
    void readsConfluentNamesIncludingPrefixedOnes() {
        RegistryClientConfig config = RegistryClientConfig.fromConfluentConfigs(Map.of(
                "schema.registry.url", "http://a:8081/, http://b:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "u:p",
                "schema.registry.http.read.timeout.ms", "1500",
                "http.connect.timeout.ms", 700,
                "max.retries", "5",
                "retries.wait.ms", 50,
                "retries.max.wait.ms", 400,
                "latest.cache.ttl.sec", 60));

        assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081"));
        assertThat(config.userInfo()).contains("u:p");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.retryWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.retryMaxWait()).isEqualTo(Duration.ofMillis(400));
        assertThat(config.latestCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void credentialsMayComeFromTheUrlAndAreNeverDisplayed() {
        RegistryClientConfig config = RegistryClientConfig.fromConfluentConfigs(
                Map.of("schema.registry.url", "https://svc:pw@registry.example:8443/apis/ccompat/v7"));

        assertThat(config.userInfo()).isEqualTo(Optional.of("svc:pw"));
        assertThat(RegistryClientConfig.withoutUserInfo(config.urls().get(0)))
                .isEqualTo("https://registry.example:8443/apis/ccompat/v7");
    }

    @Test
    void badSettingsNameTheKeyButNotTheValue() {
        assertThatThrownBy(() -> RegistryClientConfig.fromConfluentConfigs(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> RegistryClientConfig.fromConfluentConfigs(
                Map.of("schema.registry.url", "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> RegistryClientConfig.fromConfluentConfigs(Map.of(
                "schema.registry.url", "http://x", "max.retries", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max.retries");
        assertThatThrownBy(() -> RegistryClientConfig.fromConfluentConfigs(Map.of(
                "schema.registry.url", "http://x", "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "no-colon-secret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info")
                .hasMessageNotContaining("no-colon-secret");
        assertThatThrownBy(() -> RegistryClientConfig.fromConfluentConfigs(Map.of(
                "schema.registry.url", "http://x", "http.read.timeout.ms", 0)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.read.timeout.ms");
    }
}
