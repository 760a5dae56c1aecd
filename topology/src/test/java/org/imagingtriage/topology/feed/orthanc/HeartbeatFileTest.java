package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatFileTest {

    @TempDir
    Path directory;

    @Test
    void eachBeatSetsTheFilesTimeAndCreatesItFirst() throws Exception {
        // given
        Path file = directory.resolve("feed.alive");
        Instant first = Instant.parse("2026-11-23T10:00:00Z");
        Instant second = Instant.parse("2026-11-23T10:05:00Z");

        // when
        new HeartbeatFile(file, Clock.fixed(first, ZoneOffset.UTC)).beat();
        Instant afterFirst = Files.getLastModifiedTime(file).toInstant();
        new HeartbeatFile(file, Clock.fixed(second, ZoneOffset.UTC)).beat();

        // then
        assertThat(afterFirst).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(second);
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void aHeartbeatThatCannotBeWrittenNeverStopsTheFeed() {
        // given: a directory that does not exist
        HeartbeatFile heartbeat = new HeartbeatFile(directory.resolve("missing/feed.alive"), Clock.systemUTC());

        // when / then: no exception, however often
        heartbeat.beat();
        heartbeat.beat();
        assertThat(directory.resolve("missing")).doesNotExist();
    }
}
