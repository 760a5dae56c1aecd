package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Notices from the file system's {@link WatchService}. Only creations are watched (a renamed-in
 * file is one): a file being written would otherwise wake the watch at every write, and its
 * settling is the periodic rescan's business. On file systems whose watch service polls (macOS)
 * or misses remote changes (NFS, SMB) the rescan alone finds new files, only later.
 */
public final class WatchServiceNotices implements FolderNotices {

    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();

    private WatchServiceNotices(WatchService service) {
        this.service = service;
    }

    public static WatchServiceNotices open(FileSystem fileSystem) throws IOException {
        return new WatchServiceNotices(fileSystem.newWatchService());
    }

    @Override
    public void watch(Set<Path> directories) throws IOException {
        for (Iterator<Map.Entry<Path, WatchKey>> entries = keys.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Path, WatchKey> entry = entries.next();
            if (!directories.contains(entry.getKey()) || !entry.getValue().isValid()) {
                entry.getValue().cancel();
                entries.remove();
            }
        }
        for (Path directory : directories) {
            if (keys.containsKey(directory)) {
                continue;
            }
            try {
                keys.put(directory, directory.register(service, StandardWatchEventKinds.ENTRY_CREATE));
            } catch (IOException e) {
                // Gone or unreadable since the scan: the next scan tries again, and rescans meanwhile.
            } catch (ClosedWatchServiceException e) {
                return; // closed by Ctrl-C while the watch was scanning: it is ending
            }
        }
    }

    @Override
    public Notice await(Duration timeout) throws InterruptedException {
        try {
            // In nanoseconds: a wait rounded down to milliseconds would wake just before a file settles.
            WatchKey key = service.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            if (key == null) {
                return Notice.QUIET;
            }
            Notice notice = Notice.CHANGED;
            // Everything queued now is answered by the one rescan that follows.
            for (; key != null; key = service.poll()) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        notice = Notice.OVERFLOW;
                    }
                }
                key.reset();
            }
            return notice;
        } catch (ClosedWatchServiceException e) {
            return Notice.CLOSED;
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // Nothing to recover: the watch is ending.
        }
    }
}
