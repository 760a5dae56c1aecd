package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.topology.feed.FolderNotices.Notice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file system's own notices: only what they report, never how fast. */
@Timeout(60)
class WatchServiceNoticesTest {

    /** Generous: some platforms' watch services poll every few seconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void aFileCreatedInAWatchedDirectoryIsNoticed() throws Exception {
        // given
        try (WatchServiceNotices notices = WatchServiceNotices.open(directory.getFileSystem())) {
            notices.watch(Set.of(directory));

            // when
            FeedFolders.write(directory, "new.png", FeedFolders.png(8));

            // then
            assertThat(notices.await(PATIENCE)).isEqualTo(Notice.CHANGED);
        }
    }

    @Test
    void closingWakesAWaitingWatch() throws Exception {
        // given a wait far longer than the test
        WatchServiceNotices notices = WatchServiceNotices.open(directory.getFileSystem());
        notices.watch(Set.of(directory));
        CompletableFuture<Notice> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return notices.await(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        // when (before or during the wait: either way it ends)
        notices.close();

        // then
        assertThat(waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Notice.CLOSED);
    }
}
