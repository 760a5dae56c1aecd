package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration of the topics' plain clients (feed, review): everything but Triton. */
class TriageClientConfigTest {

    @TempDir
    Path directory;

    /** The minimal configuration without triton.target (a null value removes a key). */
    private static Map<String, String> brokersAndRegistry() {
        Map<String, String> withoutTriton = new HashMap<>();
        withoutTriton.put(ConfigKeys.TRITON_TARGET, null);
        return TestConfigs.with(withoutTriton);
    }

    @Test
    void needsNoTritonTarget() {
        // when
        TriageClientConfig client = TriageConfigLoader.clientFromProperties(brokersAndRegistry(), Map.of());

        // then
        assertThat(client.kafka().bootstrapServers()).isEqualTo(TestConfigs.BOOTSTRAP);
        assertThat(client.consumerConfig()).containsEntry("isolation.level", "read_committed");
        assertThat(client.serdeConfig()).containsEntry("schema.registry.url", TestConfigs.REGISTRY_URL);
    }

    @Test
    void thePipelineStillRequiresIt() {
        assertThatThrownBy(() -> TriageConfigLoader.fromProperties(brokersAndRegistry(), Map.of()))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("triton.target is required");
    }

    @Test
    void tritonKeysMayBePresentButMustStillBeKnown() {
        // given the pipeline's file, with a misspelt Triton key
        Map<String, String> shared = TestConfigs.with(Map.of("triton.dedline.ms", "1000"));

        // when / then: one file serves every command, and a typo is reported whichever reads it
        assertThatThrownBy(() -> TriageConfigLoader.clientFromProperties(shared, Map.of()))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("unknown configuration key triton.dedline.ms")
                .hasMessageContaining("triton.deadline.ms");
    }

    @Test
    void checksTopicsAgainstTheInlineLimitAsThePipelineDoes() {
        // given
        Map<String, String> tooSmall = TestConfigs.with(Map.of(ConfigKeys.TOPICS_MAX_MESSAGE_BYTES, "1048576"));

        // when / then
        assertThatThrownBy(() -> TriageConfigLoader.clientFromProperties(tooSmall, Map.of()))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining("topics.max.message.bytes (1048576) must be at least");
    }

    @Test
    void commandLineValuesWinOverEnvironmentAndFileAndAreNamedAsSuch() throws IOException {
        // given
        Path file = Files.writeString(directory.resolve("triage.properties"), """
                kafka.bootstrap.servers=file-broker:9092
                registry.url=http://file-registry:8081
                topics.partitions=3
                """);
        ConfigSources sources = ConfigSources.environment(Map.of("TRIAGE_KAFKA_BOOTSTRAP_SERVERS", "env-broker:9092"))
                .withFile(file)
                .withCommandLine(Map.of(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, "cli-broker:9092"));

        // when
        TriageClientConfig client = TriageConfigLoader.loadClient(sources);

        // then
        assertThat(client.kafka().bootstrapServers()).isEqualTo("cli-broker:9092");
        assertThat(client.topics().events().partitions()).isEqualTo(3);
        assertThatThrownBy(() -> TriageConfigLoader.loadClient(sources.withCommandLine(
                Map.of(ConfigKeys.TOPICS_PARTITIONS, "0"))))
                .hasMessageContaining("topics.partitions from the command line");
    }

    @Test
    void theFileNamedInTheEnvironmentIsReadWhenNoneIsGiven() throws IOException {
        // given
        Path file = Files.writeString(directory.resolve("triage.properties"), """
                kafka.bootstrap.servers=file-broker:9092
                registry.url=http://file-registry:8081
                """);

        // when
        TriageClientConfig client = TriageConfigLoader.loadClient(
                ConfigSources.environment(Map.of(TriageConfigLoader.CONFIG_FILE_VARIABLE, file.toString())));

        // then
        assertThat(client.kafka().bootstrapServers()).isEqualTo("file-broker:9092");
    }

    @Test
    void thePipelinesConfigurationContainsTheSameClientConfiguration() {
        // when
        TriageConfig pipeline = TestConfigs.load(TestConfigs.minimal());
        TriageClientConfig client = TriageConfigLoader.clientFromProperties(TestConfigs.minimal(), Map.of());

        // then
        assertThat(pipeline.clientConfig()).isEqualTo(client);
        assertThat(pipeline.producerConfig()).isEqualTo(client.producerConfig());
        assertThat(pipeline.consumerConfig()).isEqualTo(client.consumerConfig());
    }
}
