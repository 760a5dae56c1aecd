package org.imagingtriage.devstack.registry;

import org.imagingtriage.devstack.ParentWatchingMain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandLineTest {

    @TempDir
    Path dir;

    private ApicurioRegistryConfig config;
    private final RegistryPorts ports = new RegistryPorts(41_001, 41_002);

    @BeforeEach
    void fakeInstallations() throws IOException {
        config = new ApicurioRegistryConfig(FakeJavaHomes.registryHome(dir),
                FakeJavaHomes.javaHome(dir, "jdk-25", "25.0.3"), 0, 0, Duration.ofSeconds(60), "384m", Map.of());
    }

    @Test
    void bindsBothListenersToLoopbackOnTheChosenPorts() {
        // when
        List<String> command = RegistryCommandLine.build(config, ports, dir, Optional.empty());

        // then
        assertThat(command).contains(
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=41001",
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=41002");
    }

    @Test
    void runsTheConfiguredJavaWithTheConfiguredHeap() {
        // when
        List<String> command = RegistryCommandLine.build(config, ports, dir, Optional.empty());

        // then
        assertThat(command.get(0)).isEqualTo(config.javaHome().resolve("bin/java").toString());
        assertThat(command).contains("-Xmx384m", "-XX:TieredStopAtLevel=1");
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly("-jar", config.home().resolve("quarkus-run.jar").toString());
    }

    @Test
    void setsConfluentLikeDefaultsAndKeepsScratchFilesInTheWorkDirectory() {
        // when
        Map<String, String> properties = RegistryCommandLine.systemProperties(config, ports, dir);

        // then
        assertThat(properties)
                .containsEntry("apicurio.rules.global.compatibility", "BACKWARD")
                .containsEntry("apicurio.ccompat.legacy-id-mode.enabled", "false")
                .containsEntry("quarkus.otel.sdk.disabled", "true")
                .containsEntry("quarkus.oidc.tenant-enabled", "false")
                .containsEntry("java.io.tmpdir", dir.toString())
                .containsEntry("apicurio.storage.snapshot.location", dir.toString());
    }

    @Test
    void theCallersPropertiesWinOverTheDefaults() {
        // given
        ApicurioRegistryConfig custom = config.withSystemProperty("apicurio.rules.global.compatibility", "NONE");

        // when
        Map<String, String> properties = RegistryCommandLine.systemProperties(custom, ports, dir);

        // then
        assertThat(properties).containsEntry("apicurio.rules.global.compatibility", "NONE");
    }

    @Test
    void startsThroughParentWatchingMainWhenItsClassesAreFound() {
        // given
        Path classes = dir.resolve("classes");

        // when
        List<String> command = RegistryCommandLine.build(config, ports, dir, Optional.of(classes));

        // then
        assertThat(command).doesNotContain("-jar");
        assertThat(command.subList(command.size() - 4, command.size())).containsExactly(
                "-cp",
                config.home().resolve("quarkus-run.jar") + File.pathSeparator + classes,
                ParentWatchingMain.class.getName(), RegistryCommandLine.QUARKUS_ENTRY_POINT);
        assertThat(command).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
    }
}
