package org.imagingtriage.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLogTest {

    @TempDir
    Path dir;

    @Test
    void readsOnlyTheOutputOfTheCurrentLaunch() throws IOException {
        // given
        RegistryLog log = new RegistryLog(dir.resolve("registry.log"));
        Files.writeString(log.file(), "ERROR Port 8080 seems to be in use by another process.\n");
        long secondLaunch = log.end();
        Files.writeString(log.file(), "line 1\nline 2\nline 3\n", StandardOpenOption.APPEND);

        // when
        String tail = log.tailSince(secondLaunch, 2);

        // then
        assertThat(tail).isEqualTo("line 2" + System.lineSeparator() + "line 3");
        assertThat(log.reportsPortInUseSince(secondLaunch)).isFalse();
        assertThat(log.reportsPortInUseSince(0)).isTrue();
    }

    @Test
    void recognisesABindExceptionOfTheManagementListener() throws IOException {
        // given
        RegistryLog log = new RegistryLog(dir.resolve("registry.log"));
        Files.writeString(log.file(), "Caused by: java.net.BindException: Address already in use\n");

        // when / then
        assertThat(log.reportsPortInUseSince(0)).isTrue();
    }

    @Test
    void aMissingLogIsEmpty() {
        // given
        RegistryLog log = new RegistryLog(dir.resolve("never-written.log"));

        // when / then
        assertThat(log.end()).isZero();
        assertThat(log.tailSince(0, 10)).isEmpty();
        assertThat(log.reportsPortInUseSince(0)).isFalse();
    }
}
