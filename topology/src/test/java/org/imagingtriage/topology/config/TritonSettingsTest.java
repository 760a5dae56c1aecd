package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.imagingtriage.inference.TritonClientConfig;
import org.imagingtriage.inference.channel.RetryConfig;
import org.imagingtriage.inference.channel.TlsConfig;
import org.imagingtriage.inference.channel.TritonChannelConfig;
import org.imagingtriage.inference.medgemma.GenerationParameters;
import org.imagingtriage.inference.medgemma.PromptCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TritonSettingsTest {

    @TempDir
    Path directory;

    @Test
    void defaultsAreInferenceClientsDefaults() {
        // given
        TritonSettings triton = TestConfigs.load(TestConfigs.minimal()).triton();

        // when
        TritonChannelConfig channel = triton.channelConfig();
        TritonClientConfig client = triton.clientConfig();

        // then
        TritonChannelConfig expected = TritonChannelConfig.plaintext(TestConfigs.TRITON_TARGET);
        assertThat(channel.target()).isEqualTo(TestConfigs.TRITON_TARGET);
        assertThat(channel.maxInboundMessageBytes()).isEqualTo(expected.maxInboundMessageBytes());
        assertThat(channel.maxOutboundMessageBytes()).isEqualTo(expected.maxOutboundMessageBytes());
        assertThat(channel.keepAliveTime()).isEqualTo(expected.keepAliveTime());
        assertThat(channel.keepAliveTimeout()).isEqualTo(expected.keepAliveTimeout());
        assertThat(channel.tls()).isEmpty();
        assertThat(channel.retry().maxAttempts()).isEqualTo(RetryConfig.defaults().maxAttempts());
        assertThat(client).isEqualTo(TritonClientConfig.defaults());
        assertThat(triton.modelExpectation().modelName()).isEqualTo("medgemma-4b-it");
    }

    @Test
    void keysMapOntoTheChannelClientAndModel() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(
                ConfigKeys.TRITON_TARGET, "dns:///triton.internal:8001",
                ConfigKeys.TRITON_MODEL_NAME, "medgemma-4b-it-vllm",
                ConfigKeys.TRITON_MODEL_VERSION, "3",
                ConfigKeys.TRITON_DEADLINE_MS, "30000",
                ConfigKeys.TRITON_QUEUE_TIMEOUT_MS, "10000",
                ConfigKeys.TRITON_MAX_MESSAGE_BYTES, "33554432",
                ConfigKeys.TRITON_KEEPALIVE_TIME_MS, "600000",
                ConfigKeys.TRITON_RETRY_MAX_ATTEMPTS, "1"));

        // when
        TritonSettings triton = TestConfigs.load(properties).triton();

        // then
        TritonChannelConfig channel = triton.channelConfig();
        assertThat(channel.target()).isEqualTo("dns:///triton.internal:8001");
        assertThat(channel.maxInboundMessageBytes()).isEqualTo(32 << 20);
        assertThat(channel.maxOutboundMessageBytes()).isEqualTo(32 << 20);
        assertThat(channel.keepAliveTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(channel.retry().enabled()).isFalse();
        assertThat(triton.clientConfig().inferDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(triton.model().queueTimeout()).contains(Duration.ofSeconds(10));
        assertThat(triton.modelExpectation().modelName()).isEqualTo("medgemma-4b-it-vllm");
        assertThat(triton.modelExpectation().modelVersion()).isEqualTo("3");
    }

    @Test
    void retriesBufferTheLargestRequestTheChannelMaySend() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(ConfigKeys.TRITON_MAX_MESSAGE_BYTES, "134217728"));

        // when
        RetryConfig retry = TestConfigs.load(properties).triton().channelConfig().retry();

        // then
        assertThat(retry.perCallBufferBytes()).isEqualTo(128L << 20);
        assertThat(retry.channelBufferBytes()).isGreaterThanOrEqualTo(retry.perCallBufferBytes());
    }

    @Test
    void mutualTlsFilesBecomeTheChannelsTlsConfig() throws IOException {
        // given
        Path ca = Files.writeString(directory.resolve("ca.pem"), "ca");
        Path cert = Files.writeString(directory.resolve("client.pem"), "cert");
        Path key = Files.writeString(directory.resolve("client-key.pem"), "key");
        Map<String, String> properties = TestConfigs.with(Map.of(
                ConfigKeys.TRITON_TLS_CA_FILE, ca.toString(),
                ConfigKeys.TRITON_TLS_CLIENT_CERT_FILE, cert.toString(),
                ConfigKeys.TRITON_TLS_CLIENT_KEY_FILE, key.toString(),
                ConfigKeys.TRITON_TLS_AUTHORITY, "triton.internal"));

        // when
        TritonChannelConfig channel = TestConfigs.load(properties).triton().channelConfig();

        // then
        assertThat(channel.tls()).contains(new TlsConfig(Optional.of(ca), Optional.of(cert), Optional.of(key),
                Optional.of("triton.internal")));
        assertThat(channel.tls().orElseThrow().isMutual()).isTrue();
    }

    @Test
    void tlsEnabledAloneTrustsTheJvmsStore() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(ConfigKeys.TRITON_TLS_ENABLED, "true"));

        // when
        TritonChannelConfig channel = TestConfigs.load(properties).triton().channelConfig();

        // then
        assertThat(channel.tls()).contains(TritonTls.jvmTrustStore().tlsConfig());
        assertThat(channel.tls().orElseThrow().caCertificate()).isEmpty();
    }

    @Test
    void maxNewTokensOverridesTheCatalogOnlyWhenSet() {
        // given
        PromptCatalog catalog = PromptCatalog.loadDefault();
        TriageConfig unset = TestConfigs.load(TestConfigs.minimal());
        TriageConfig set = TestConfigs.load(TestConfigs.with(Map.of(ConfigKeys.TRITON_MAX_NEW_TOKENS, "200")));

        // when
        GenerationParameters fromCatalog = unset.generation(catalog);
        GenerationParameters overridden = set.generation(catalog);

        // then
        assertThat(fromCatalog).isEqualTo(catalog.generation());
        assertThat(overridden.maxNewTokens()).isEqualTo(200);
        assertThat(overridden.greedy()).isTrue();
    }
}
