package org.imagingtriage.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imagingtriage.devstack.ScratchDirectory;
import org.junit.jupiter.api.Test;

/** Start, kill, restart and stop of a registry of this class's own, not the shared one. */
class ApicurioRegistryLifecycleIT {

    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(30);
    private static final Duration HOST_START_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aKilledRegistryIsDownAndComesBackOnTheSameUrlWithEmptyStorage() throws Exception {
        // given
        try (ApicurioRegistryProcess registry = ApicurioRegistryProcess.startWithDefaults()) {
            CcompatHttp ccompat = new CcompatHttp(registry.ccompatUrl());
            String schema = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
            assertThat(ccompat.post("/subjects/probe-value/versions", CcompatHttp.schemaBody(schema)).status())
                    .isEqualTo(200);
            String urlBeforeKill = registry.ccompatUrl();
            long pidBeforeKill = registry.pid();

            // when
            registry.kill();

            // then
            assertThat(registry.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pidBeforeKill).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThatThrownBy(() -> ccompat.get("/subjects")).isInstanceOf(IOException.class);

            // when
            registry.restart();

            // then
            assertThat(registry.ccompatUrl()).isEqualTo(urlBeforeKill);
            assertThat(registry.pid()).isNotEqualTo(pidBeforeKill);
            assertThat(ccompat.get("/subjects").body()).isEqualTo("[]");
        }
    }

    @Test
    void closeStopsTheRegistryAndRemovesItsScratchDirectory() {
        // given
        ApicurioRegistryProcess registry = ApicurioRegistryProcess.startWithDefaults();
        long pid = registry.pid();
        Path workDir = registry.logFile().getParent();

        // when
        registry.close();

        // then
        assertThat(registry.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(workDir).doesNotExist();
        assertThatThrownBy(registry::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aTakenFixedPortFailsTheStartWithTheLogTail() throws IOException {
        // given
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ApicurioRegistryConfig config = ApicurioRegistryConfig.defaults().withPorts(squatter.getLocalPort(), 0);
            ApicurioRegistryProcess registry = new ApicurioRegistryProcess(config);

            // when / then
            try (registry) {
                assertThatThrownBy(registry::start)
                        .isInstanceOf(RegistryStartException.class)
                        .hasMessageContaining("exited with code")
                        .hasMessageContaining("http://127.0.0.1:" + squatter.getLocalPort())
                        .hasMessageContaining("last lines of the log")
                        .satisfies(e -> assertThat(((RegistryStartException) e).portInUse()).isTrue());
                assertThat(registry.isRunning()).isFalse();
                assertThat(registry.logFile()).exists();
            } finally {
                // A failed start keeps its log for diagnosis; this test has read it.
                ScratchDirectory.delete(registry.logFile().getParent());
            }
        }
    }

    @Test
    void theRegistryEndsWhenTheJvmThatStartedItIsKilled() throws Exception {
        // given
        Process host = startRegistryHost();
        Announcement announced;
        try {
            announced = announcement(host);
            assertThat(ProcessHandle.of(announced.pid()).map(ProcessHandle::isAlive)).contains(true);

            // when
            host.destroyForcibly();
            assertThat(host.waitFor(10, TimeUnit.SECONDS)).as("host JVM ended by SIGKILL").isTrue();
        } finally {
            host.destroyForcibly();
        }

        // then
        Optional<ProcessHandle> registry = ProcessHandle.of(announced.pid());
        try {
            Instant deadline = Instant.now().plus(ORPHAN_GRACE);
            while (registry.map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(registry.map(ProcessHandle::isAlive))
                    .as("registry pid %d, %s after its parent was killed", announced.pid(), ORPHAN_GRACE)
                    .isNotEqualTo(Optional.of(true));
        } finally {
            registry.ifPresent(ProcessHandle::destroyForcibly);
            // Its parent died before it could clean up; the log has served its purpose.
            ScratchDirectory.delete(announced.workDir());
        }
    }

    /** What the host JVM says about the registry it started. */
    private record Announcement(long pid, Path workDir) {

        static Announcement parse(String line) {
            String[] fields = line.substring(RegistryHostMain.ANNOUNCEMENT_PREFIX.length()).strip().split("\t");
            return new Announcement(Long.parseLong(fields[0]), Path.of(fields[1]));
        }
    }

    private static Process startRegistryHost() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                RegistryHostMain.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the host's output until it announces its registry; keeps draining it afterwards. */
    private static Announcement announcement(Process host) throws Exception {
        CompletableFuture<Announcement> announced = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(RegistryHostMain.ANNOUNCEMENT_PREFIX)) {
                        announced.complete(Announcement.parse(line));
                    }
                }
                announced.completeExceptionally(new AssertionError("the registry host ended without announcing"
                        + " a registry"));
            } catch (IOException | RuntimeException e) {
                announced.completeExceptionally(e);
            }
        }, "registry-host-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return announced.get(HOST_START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the registry host JVM did not announce a registry within "
                    + HOST_START_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
