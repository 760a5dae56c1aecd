package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPassthroughTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"triage\" password=\"pa55word\";";

    private static TriageConfig secured() {
        return TestConfigs.load(TestConfigs.with(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", JAAS,
                "kafka.ssl.truststore.location", "/etc/triage/truststore.p12",
                "kafka.ssl.truststore.password", "trust-pa55",
                "kafka.client.id", "triage-1",
                "kafka.num.stream.threads", "4",
                "kafka.fetch.min.bytes", "1024",
                "kafka.producer.compression.type", "zstd",
                "kafka.consumer.max.poll.records", "50")));
    }

    @Test
    void streamsGetsEverythingPlusWhatThePipelineOwns() {
        // given
        TriageConfig config = secured();

        // when
        Map<String, Object> streams = config.streamsConfig();

        // then
        assertThat(streams)
                .containsEntry("bootstrap.servers", TestConfigs.BOOTSTRAP)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("num.stream.threads", "4")
                .containsEntry("producer.compression.type", "zstd")
                .containsEntry("consumer.max.poll.records", "50")
                .containsEntry("application.id", "imaging-triage")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("producer.max.request.size", 16 * 1024 * 1024);
    }

    @Test
    void aProducerGetsSecurityAndItsOwnSettingsButNotStreamsOrConsumerOnes() {
        // given
        TriageConfig config = secured();

        // when
        Map<String, Object> producer = config.producerConfig();

        // then
        assertThat(producer)
                .containsEntry("bootstrap.servers", TestConfigs.BOOTSTRAP)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/triage/truststore.p12")
                .containsEntry("ssl.truststore.password", "trust-pa55")
                .containsEntry("client.id", "triage-1")
                .containsEntry("compression.type", "zstd")
                .containsEntry("max.request.size", 16 * 1024 * 1024)
                .doesNotContainKeys("num.stream.threads", "fetch.min.bytes", "max.poll.records",
                        "producer.compression.type");
    }

    @Test
    void aConsumerReadsCommittedRecordsWithItsOwnSettings() {
        // given
        TriageConfig config = secured();

        // when
        Map<String, Object> consumer = config.consumerConfig();

        // then
        assertThat(consumer)
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("fetch.min.bytes", "1024")
                .containsEntry("max.poll.records", "50")
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKeys("compression.type", "num.stream.threads", "max.request.size");
    }

    @Test
    void anAdminGetsConnectionAndSecuritySettingsOnly() {
        // given
        TriageConfig config = secured();

        // when
        Map<String, Object> admin = config.adminConfig();

        // then
        assertThat(admin)
                .containsEntry("bootstrap.servers", TestConfigs.BOOTSTRAP)
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("client.id", "triage-1")
                .doesNotContainKeys("fetch.min.bytes", "compression.type", "num.stream.threads");
    }

    @Test
    void anExplicitMaxRequestSizeLargeEnoughIsKept() {
        // given
        TriageConfig config = TestConfigs.load(TestConfigs.with(Map.of("kafka.max.request.size", "33554432")));

        // when
        Map<String, Object> streams = config.streamsConfig();
        Map<String, Object> producer = config.producerConfig();

        // then
        assertThat(streams).containsEntry("max.request.size", "33554432").doesNotContainKey("producer.max.request.size");
        assertThat(producer).containsEntry("max.request.size", "33554432");
    }

    @Test
    void streamsBuffersAFewImagesPerPartitionUnlessTold() {
        // given
        TriageConfig defaults = TestConfigs.load(TestConfigs.with(Map.of()));
        TriageConfig told = TestConfigs.load(TestConfigs.with(Map.of("kafka.buffered.records.per.partition", "200",
                "kafka.max.poll.records", "500")));

        // then: not Streams' 1,000 images per partition and per poll, which a backlog fills the heap with
        assertThat(defaults.streamsConfig())
                .containsEntry("buffered.records.per.partition", TriageConfig.DEFAULT_BUFFERED_RECORDS_PER_PARTITION)
                .containsEntry("main.consumer.max.poll.records", TriageConfig.DEFAULT_MAX_POLL_RECORDS);
        assertThat(told.streamsConfig()).containsEntry("buffered.records.per.partition", "200")
                .containsEntry("max.poll.records", "500")
                .doesNotContainKey("main.consumer.max.poll.records");
    }

    @Test
    void settingsNoKafkaClientKnowsArePassedThroughForPlugins() {
        // given
        TriageConfig config = TestConfigs.load(TestConfigs.with(Map.of(
                "kafka.sasl.login.callback.handler.class", "com.example.TokenHandler",
                "kafka.example.token.endpoint", "https://idp.example/token")));

        // when
        Map<String, Object> producer = config.producerConfig();

        // then
        assertThat(producer).containsEntry("example.token.endpoint", "https://idp.example/token")
                .containsEntry("sasl.login.callback.handler.class", "com.example.TokenHandler");
        assertThat(config.kafka().unrecognizedKeys()).containsExactly("kafka.example.token.endpoint");
    }

    @Test
    void aLikelyTypoIsRecognizedWithItsClosestKafkaSetting() {
        // when / then
        assertThat(KafkaSettings.closestKnown("kafka.secruity.protocol")).contains("kafka.security.protocol");
        assertThat(KafkaSettings.closestKnown("kafka.producer.compresion.type")).contains("kafka.producer.compression.type");
    }

    @Test
    void atLeastOnceAllowsWeakerProducerSettings() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(
                ConfigKeys.PIPELINE_PROCESSING_GUARANTEE, "at_least_once",
                "kafka.acks", "1",
                "kafka.enable.idempotence", "false"));

        // when
        TriageConfig config = TestConfigs.load(properties);

        // then
        assertThat(config.streamsConfig()).containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("acks", "1");
    }

    @Test
    void textNeverShowsSecrets() {
        // given
        TriageConfig config = TestConfigs.load(TestConfigs.with(Map.of(
                "kafka.sasl.jaas.config", JAAS,
                "kafka.ssl.truststore.password", "trust-pa55",
                "kafka.example.token", "opaque-plugin-value",
                ConfigKeys.REGISTRY_URL, "https://svc:reg-pa55@registry:8081",
                ConfigKeys.REGISTRY_CREDENTIALS_SOURCE, "USER_INFO",
                ConfigKeys.REGISTRY_USER_INFO, "svc:info-pa55")));

        // when
        String text = config.toString();

        // then
        assertThat(text).contains("bootstrap.servers=" + TestConfigs.BOOTSTRAP)
                .contains("sasl.jaas.config=(hidden)")
                .contains("schema.registry.url=https://registry:8081")
                .doesNotContain("pa55word", "trust-pa55", "opaque-plugin-value", "reg-pa55", "info-pa55");
    }
}
