package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Prompt notice that something may have changed in the watched directories, and the watch's only
 * way to wait: {@link WatchServiceNotices} in production, a scripted fake in tests, so that no
 * test depends on the file system's or the machine's speed. Notices only make the watch rescan
 * sooner; the rescan, not the notice, says what changed.
 */
public interface FolderNotices extends AutoCloseable {

    /** What ended a wait. */
    enum Notice {
        /** The timeout passed without notice. */
        QUIET,
        /** Something was created in a watched directory. */
        CHANGED,
        /** Notices were lost (the queue overflowed): only a rescan can tell what happened. */
        OVERFLOW,
        /** {@link #close()} was called: the watch ends. */
        CLOSED
    }

    /** Watches exactly these directories from now on: new ones are added, vanished ones dropped. */
    void watch(Set<Path> directories) throws IOException;

    /** Waits at most {@code timeout} for a notice. */
    Notice await(Duration timeout) throws InterruptedException;

    /** Ends the notices; a thread waiting in {@link #await} returns {@link Notice#CLOSED} at once. */
    @Override
    void close();
}
