package org.imagingtriage.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryConfigTest {

    @TempDir
    Path dir;

    private Path registryHome;
    private Path javaHome;

    @BeforeEach
    void fakeInstallations() throws IOException {
        registryHome = FakeJavaHomes.registryHome(dir);
        javaHome = FakeJavaHomes.javaHome(dir, "jdk-25", "25.0.3");
    }

    @Test
    void acceptsAValidConfigAndCopiesItsProperties() {
        // given
        Map<String, String> properties = new HashMap<>(Map.of("apicurio.ccompat.max-subjects", "5000"));

        // when
        ApicurioRegistryConfig config = config(0, 0, Duration.ofSeconds(60), "512m", properties);
        properties.put("later.change", "ignored");

        // then
        assertThat(config.systemProperties()).containsOnlyKeys("apicurio.ccompat.max-subjects");
        assertThat(config.choosesEveryPort()).isTrue();
    }

    @Test
    void rejectsAHomeWithoutTheRunnerJar() {
        // when / then
        assertThatThrownBy(() -> new ApicurioRegistryConfig(dir, javaHome, 0, 0, Duration.ofSeconds(60), "512m",
                Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no quarkus-run.jar")
                .hasMessageContaining("TRIAGE_APICURIO_HOME");
    }

    @Test
    void rejectsAJavaHomeWithoutJava() {
        // when / then
        assertThatThrownBy(() -> new ApicurioRegistryConfig(registryHome, dir.resolve("nothing"), 0, 0,
                Duration.ofSeconds(60), "512m", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no executable bin/java");
    }

    @Test
    void rejectsPortsOutOfRangeOrShared() {
        // when / then
        assertThatThrownBy(() -> config(70_000, 0, Duration.ofSeconds(60), "512m", Map.of()))
                .hasMessageContaining("httpPort 70000 is not a TCP port");
        assertThatThrownBy(() -> config(0, -1, Duration.ofSeconds(60), "512m", Map.of()))
                .hasMessageContaining("managementPort -1 is not a TCP port");
        assertThatThrownBy(() -> config(8081, 8081, Duration.ofSeconds(60), "512m", Map.of()))
                .hasMessageContaining("httpPort and managementPort are both 8081");
    }

    @Test
    void rejectsTimeoutsThatAreNotPositiveOrTooLong() {
        // when / then
        assertThatThrownBy(() -> config(0, 0, Duration.ZERO, "512m", Map.of()))
                .hasMessageContaining("startTimeout PT0S must be positive");
        assertThatThrownBy(() -> config(0, 0, Duration.ofHours(1), "512m", Map.of()))
                .hasMessageContaining("startTimeout PT1H");
    }

    @Test
    void rejectsAHeapSizeTheJvmWouldNotTake() {
        // when / then
        assertThatThrownBy(() -> config(0, 0, Duration.ofSeconds(60), "-Xmx512m", Map.of()))
                .hasMessageContaining("maxHeap \"-Xmx512m\" is not a heap size");
        assertThatThrownBy(() -> config(0, 0, Duration.ofSeconds(60), "512 MB", Map.of()))
                .hasMessageContaining("is not a heap size");
    }

    @Test
    void rejectsPropertiesThatWouldMoveTheListeners() {
        // when / then
        assertThatThrownBy(() -> config(0, 0, Duration.ofSeconds(60), "1g", Map.of("quarkus.http.host", "0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may not set quarkus.http.host")
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void withersReplaceOneValueAndKeepTheRest() {
        // given
        ApicurioRegistryConfig config = config(0, 0, Duration.ofSeconds(60), "512m", Map.of("a", "1"));

        // when
        ApicurioRegistryConfig changed = config
                .withPorts(18080, 19000)
                .withStartTimeout(Duration.ofSeconds(90))
                .withMaxHeap("1g")
                .withSystemProperty("a", "2")
                .withSystemProperty("b", "3");

        // then
        assertThat(changed.httpPort()).isEqualTo(18080);
        assertThat(changed.managementPort()).isEqualTo(19000);
        assertThat(changed.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(changed.maxHeap()).isEqualTo("1g");
        assertThat(changed.systemProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "2", "b", "3"));
        assertThat(changed.choosesEveryPort()).isFalse();
        assertThat(changed.withPorts(18080, 0).choosesEveryPort()).isFalse();
        assertThat(changed.home()).isEqualTo(config.home());
    }

    private ApicurioRegistryConfig config(int http, int management, Duration timeout, String heap,
                                          Map<String, String> properties) {
        return new ApicurioRegistryConfig(registryHome, javaHome, http, management, timeout, heap, properties);
    }
}
