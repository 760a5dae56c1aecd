package org.imagingtriage.topology.feed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * Debounces files: a file has settled once successive scans have seen it unchanged (same
 * {@link WatchedFile}: size and modification time, its sidecar's too) for the settle period.
 * A change restarts its wait; a file a scan no longer lists is forgotten. Time comes from the
 * caller, so tests need no clock. Not thread-safe.
 */
final class SettleTracker {

    private final long settleNanos;
    private final Map<Path, Pending> pending = new HashMap<>();

    private record Pending(WatchedFile file, long sinceNanos) {
    }

    SettleTracker(long settleNanos) {
        if (settleNanos <= 0) {
            throw new IllegalArgumentException("the settle period must be positive");
        }
        this.settleNanos = settleNanos;
    }

    /**
     * Records one scan of the candidates still undecided.
     *
     * @return the files unchanged for the settle period, in the scan's order; they stay tracked
     *     until {@link #forget forgotten} or no longer listed
     */
    List<Path> observe(SortedMap<Path, WatchedFile> scan, long nowNanos) {
        pending.keySet().retainAll(scan.keySet());
        List<Path> settled = new ArrayList<>();
        scan.forEach((path, file) -> {
            Pending seen = pending.get(path);
            if (seen == null || !seen.file().equals(file)) {
                pending.put(path, new Pending(file, nowNanos));
            } else if (nowNanos - seen.sinceNanos() >= settleNanos) {
                settled.add(path);
            }
        });
        return settled;
    }

    void forget(Path path) {
        pending.remove(path);
    }

    /** Files seen but not yet settled. */
    int tracked() {
        return pending.size();
    }

    /** When the first tracked file may have settled, if any is tracked. */
    OptionalLong nextDeadline() {
        return pending.values().stream().mapToLong(seen -> seen.sinceNanos() + settleNanos).min();
    }
}
