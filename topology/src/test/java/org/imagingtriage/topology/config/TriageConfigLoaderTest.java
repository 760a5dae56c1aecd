package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy;
import org.imagingtriage.topology.imaging.dicom.pixel.FramePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriageConfigLoaderTest {

    @TempDir
    Path directory;

    @Test
    void readsAPropertiesFileIntoTypedSettings() throws IOException {
        // given
        Path file = write("""
                # comments and blank lines are fine

                kafka.bootstrap.servers = broker:9092
                registry.url=http://registry:8081
                triton.target=triton:8001
                triton.deadline.ms=45000
                topics.partitions=12
                topics.drafts.partitions=3
                limits.max.inline.image.bytes=8388608
                deidentification.unasserted=allow
                deidentification.identity.removed=IGNORE
                imaging.dicom.frame=first
                inference.mode=BLOCKING
                observability.http.port=0
                """);

        // when
        TriageConfig config = TriageConfigLoader.load(file, Map.of());

        // then
        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.triton().deadlines().infer()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.topics().events().partitions()).isEqualTo(12);
        assertThat(config.topics().drafts().partitions()).isEqualTo(3);
        assertThat(config.limits().maxInlineImageBytes()).isEqualTo(8L << 20);
        assertThat(config.inference().mode()).isEqualTo(InferenceMode.BLOCKING);
        assertThat(config.observability().port()).isZero();
        assertThat(config.deidentification().policy().unasserted())
                .isEqualTo(DeidentificationPolicy.UnassertedPolicy.ALLOW);
        assertThat(config.deidentification().policy().identityRemoved())
                .isEqualTo(DeidentificationPolicy.IdentityRemovedPolicy.IGNORE);
        assertThat(config.imaging().dicomFrame()).isEqualTo(FramePolicy.FIRST);
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        // given
        Path file = write("""
                kafka.bootstrap.servers=file-broker:9092
                registry.url=http://registry:8081
                triton.target=file-triton:8001
                """);
        Map<String, String> environment = Map.of(
                "TRIAGE_TRITON_TARGET", "env-triton:8001",
                "TRIAGE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "TRIAGE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "TRIAGE_TOPICS_DLQ_RETENTION_MS", "86400000",
                "PATH", "/usr/bin");

        // when
        TriageConfig config = TriageConfigLoader.load(file, environment);

        // then
        assertThat(config.triton().target()).isEqualTo("env-triton:8001");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("file-broker:9092");
        assertThat(config.kafka().properties())
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.topics().deadLetters().retention()).contains(Duration.ofDays(1));
    }

    @Test
    void theEnvironmentAloneIsEnough() {
        // given
        Map<String, String> environment = Map.of(
                "TRIAGE_KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "TRIAGE_REGISTRY_URL", "http://registry:8081",
                "TRIAGE_TRITON_TARGET", "triton:8001");

        // when
        TriageConfig config = TriageConfigLoader.fromEnvironment(environment);

        // then
        assertThat(config.triton().target()).isEqualTo("triton:8001");
    }

    @Test
    void theFileMayBeNamedByTheEnvironment() throws IOException {
        // given
        Path file = write("""
                kafka.bootstrap.servers=broker:9092
                registry.url=http://registry:8081
                triton.target=triton:8001
                """);

        // when
        TriageConfig config = TriageConfigLoader.fromEnvironment(Map.of(
                TriageConfigLoader.CONFIG_FILE_VARIABLE, file.toString()));

        // then
        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9092");
    }

    @Test
    void anEmptyValueMeansUnsetSoTheDefaultApplies() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(ConfigKeys.TRITON_DEADLINE_MS, "5000"));

        // when
        TriageConfig config = TriageConfigLoader.fromProperties(properties,
                Map.of("TRIAGE_TRITON_DEADLINE_MS", " "));

        // then
        assertThat(config.triton().deadlines().infer()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void developmentToolVariablesAreNotConfigurationKeys() {
        // given
        Map<String, String> environment = Map.of(
                "TRIAGE_REGISTRY_JAVA_HOME", "/usr/lib/jvm/temurin-21",
                "TRIAGE_APICURIO_HOME", "/opt/apicurio",
                "TRIAGE_KAFKA_CLASSPATH_FILE", "/tmp/classpath",
                "TRIAGE_TRITON_MODEL_REPOSITORY", "/models");

        // when
        TriageConfig config = TriageConfigLoader.fromProperties(TestConfigs.minimal(), environment);

        // then
        assertThat(config.kafka().properties()).doesNotContainKey("classpath.file");
    }

    @Test
    void anUnknownKeyFailsNamingItAndTheClosestKnownKey() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of("trtion.target", "triton:8001"));

        // when / then
        assertThatThrownBy(() -> TestConfigs.load(properties))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("unknown configuration key trtion.target")
                .hasMessageContaining("the closest known key is triton.target (environment variable TRIAGE_TRITON_TARGET)")
                .satisfies(e -> assertThat(((TriageConfigException) e).keys()).containsExactly("trtion.target"));
    }

    @Test
    void everyUnknownKeyIsReportedAtOnce() {
        // given
        Map<String, String> properties = TestConfigs.with(Map.of(
                "trtion.target", "x", "topics.drafts.retention.ms", "1000", "registry.password", "hunter2"));

        // when / then
        assertThatThrownBy(() -> TestConfigs.load(properties))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("trtion.target")
                .hasMessageContaining("topics.drafts.retention.ms")
                .hasMessageContaining("registry.password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aMisspeltEnvironmentVariableFailsNamingIt() {
        // when / then
        assertThatThrownBy(() -> TriageConfigLoader.fromProperties(TestConfigs.minimal(),
                Map.of("TRIAGE_TRITON_TRAGET", "triton:8001")))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("unknown configuration key triton.traget (environment variable "
                        + "TRIAGE_TRITON_TRAGET); the closest known key is triton.target");
    }

    @ParameterizedTest
    @ValueSource(strings = {ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, ConfigKeys.REGISTRY_URL, ConfigKeys.TRITON_TARGET})
    void aMissingRequiredKeyFailsNamingItAndBothWaysToSetIt(String key) {
        // given
        Map<String, String> properties = TestConfigs.minimal();
        properties.remove(key);

        // when / then
        assertThatThrownBy(() -> TestConfigs.load(properties))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining(key + " is required")
                .hasMessageContaining("in the configuration file")
                .hasMessageContaining("environment variable " + ConfigKey.environmentVariable(key))
                .satisfies(e -> assertThat(((TriageConfigException) e).keys()).containsExactly(key));
    }

    @Test
    void aBadValueNamesWhereItWasSet() throws IOException {
        // given
        Path file = write("""
                kafka.bootstrap.servers=broker:9092
                registry.url=http://registry:8081
                triton.target=triton:8001
                """);

        // when / then
        assertThatThrownBy(() -> TriageConfigLoader.load(file, Map.of("TRIAGE_TRITON_DEADLINE_MS", "0")))
                .isInstanceOf(TriageConfigException.class)
                .hasMessage("triton.deadline.ms must be positive "
                        + "[triton.deadline.ms from environment variable TRIAGE_TRITON_DEADLINE_MS]");
        assertThatThrownBy(() -> TriageConfigLoader.load(file, Map.of("TRIAGE_TOPICS_PARTITIONS", "many")))
                .hasMessageStartingWith("topics.partitions must be a whole number");
    }

    @Test
    void aMissingFileFailsNamingIt() {
        // given
        Path file = directory.resolve("absent.properties");

        // when / then
        assertThatThrownBy(() -> TriageConfigLoader.load(file, Map.of()))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("configuration file " + file + " does not exist");
    }

    @Test
    void anInvalidPromptCatalogFailsAtLoadNamingTheKey() throws IOException {
        // given
        Path catalog = directory.resolve("prompts.json");
        Files.writeString(catalog, "{\"templates\": 42}");

        // when / then
        assertThatThrownBy(() -> TestConfigs.load(TestConfigs.with(Map.of(
                ConfigKeys.PROMPTS_CATALOG_FILE, catalog.toString()))))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageStartingWith("prompts.catalog.file: prompt catalog " + catalog + " is invalid");
    }

    private Path write(String content) throws IOException {
        Path file = directory.resolve("triage.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
