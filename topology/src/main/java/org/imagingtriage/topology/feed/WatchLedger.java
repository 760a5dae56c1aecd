package org.imagingtriage.topology.feed;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the watch has done with each file, so that every version is decided once. A published
 * image (path, size, modification time) is never published again in the run, even if only its
 * sidecar changes later; a file skipped or refused is looked at again only once it or its
 * sidecar changes, so that fixing a sidecar is enough to retry. Not thread-safe.
 */
final class WatchLedger {

    private record Version(Path path, FileStamp stamp) {
    }

    private final Set<Version> done = new HashSet<>();
    private final Map<Path, WatchedFile> declined = new HashMap<>();

    /** Whether this version of the file still awaits a decision. */
    boolean undecided(Path path, WatchedFile file) {
        return !done.contains(new Version(path, file.image())) && !file.equals(declined.get(path));
    }

    /** Sent, or present when the watch started with {@code --skip-existing}: never again this run. */
    void done(Path path, WatchedFile file) {
        done.add(new Version(path, file.image()));
        declined.remove(path);
    }

    /** Skipped or refused: reported once, retried when the file or its sidecar changes. */
    void declined(Path path, WatchedFile file) {
        declined.put(path, file);
    }
}
