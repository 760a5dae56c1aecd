package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the shipped example file and the README to the code: every key documented, every
 * documented default the real default, and the example loadable as it ships.
 */
class DocumentedConfigurationTest {

    private static final String EXAMPLE = "triage.example.properties";
    private static final Pattern COMMENTED_SETTING = Pattern.compile("^#([a-z][a-z0-9.]*)=(.*)$", Pattern.MULTILINE);

    @TempDir
    Path directory;

    @Test
    void theExampleLoadsAsShipped() throws IOException {
        // given
        Path file = Files.writeString(directory.resolve("triage.properties"), example());

        // when
        TriageConfig config = TriageConfigLoader.load(file, Map.of());

        // then
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.triton().target()).isEqualTo("localhost:8001");
    }

    @Test
    void theExampleShowsEveryKey() throws IOException {
        // given
        String example = example();

        // when / then
        assertThat(ConfigKeys.ALL).allSatisfy(key -> assertThat(example)
                .containsPattern("(?m)^#?" + Pattern.quote(key.name()) + "="));
    }

    @Test
    void theDefaultsTheExampleShowsAreTheRealDefaults() throws IOException {
        // given: every commented key that has a default, uncommented
        Map<String, String> shown = new HashMap<>();
        Matcher settings = COMMENTED_SETTING.matcher(example());
        while (settings.find()) {
            String key = settings.group(1);
            ConfigKeys.find(key).flatMap(ConfigKey::defaultValue).ifPresent(defaultValue -> {
                assertThat(settings.group(2)).as("default shown for %s", key).isEqualTo(defaultValue);
                shown.put(key, defaultValue);
            });
        }
        Map<String, String> explicit = new HashMap<>(TestConfigs.minimal());
        explicit.putAll(shown);

        // when
        TriageConfig withDefaultsWritten = TestConfigs.load(explicit);
        TriageConfig withDefaultsImplied = TestConfigs.load(TestConfigs.minimal());

        // then
        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(ConfigKeys.ALL.stream()
                .filter(key -> key.defaultValue().isPresent()).map(ConfigKey::name).toList());
        assertThat(withDefaultsWritten).isEqualTo(withDefaultsImplied);
    }

    @Test
    void theDefaultsAreWhatTheRecordsCallDefault() {
        // when
        TriageConfig loaded = TestConfigs.load(TestConfigs.minimal());

        // then
        assertThat(loaded).isEqualTo(TriageConfig.defaults(
                TestConfigs.BOOTSTRAP, TestConfigs.REGISTRY_URL, TestConfigs.TRITON_TARGET));
    }

    @Test
    void theReadmeDocumentsEveryKeyAndTheOverrideRule() throws IOException {
        // given
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        // when
        List<String> undocumented = ConfigKeys.ALL.stream()
                .map(ConfigKey::name)
                .filter(key -> !readme.contains("`" + key + "`"))
                .toList();

        // then
        assertThat(undocumented).isEmpty();
        assertThat(readme).contains("TRIAGE_KAFKA_SASL_JAAS_CONFIG");
    }

    private static String example() throws IOException {
        try (InputStream in = DocumentedConfigurationTest.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            assertThat(in).as(EXAMPLE + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
