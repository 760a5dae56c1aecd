package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SettleTrackerTest {

    private static final long SETTLE = 100;
    private static final Path A = Path.of("/in/a.png");
    private static final Path B = Path.of("/in/b.png");

    private final SettleTracker tracker = new SettleTracker(SETTLE);

    private static WatchedFile file(long size, long modifiedMillis) {
        return new WatchedFile(new FileStamp(size, FileTime.fromMillis(modifiedMillis)), Optional.empty());
    }

    private static SortedMap<Path, WatchedFile> scan(Object... pathsAndFiles) {
        SortedMap<Path, WatchedFile> scan = new TreeMap<>();
        for (int i = 0; i < pathsAndFiles.length; i += 2) {
            scan.put((Path) pathsAndFiles[i], (WatchedFile) pathsAndFiles[i + 1]);
        }
        return scan;
    }

    @Test
    void aFileSettlesWhenUnchangedForTheSettlePeriod() {
        // given / when / then
        assertThat(tracker.observe(scan(A, file(10, 1)), 0)).isEmpty();
        assertThat(tracker.nextDeadline()).hasValue(SETTLE);
        assertThat(tracker.observe(scan(A, file(10, 1)), SETTLE - 1)).isEmpty();
        assertThat(tracker.observe(scan(A, file(10, 1)), SETTLE)).containsExactly(A);
    }

    @Test
    void aChangeOfSizeModificationTimeOrSidecarRestartsTheWait() {
        // given
        tracker.observe(scan(A, file(10, 1)), 0);

        // when it changes at every scan
        tracker.observe(scan(A, file(20, 1)), SETTLE);
        tracker.observe(scan(A, file(20, 2)), 2 * SETTLE);
        WatchedFile withSidecar = new WatchedFile(file(20, 2).image(),
                Optional.of(new FileStamp(5, FileTime.fromMillis(3))));
        assertThat(tracker.observe(scan(A, withSidecar), 3 * SETTLE)).isEmpty();

        // then it settles a settle period after its last change
        assertThat(tracker.observe(scan(A, withSidecar), 4 * SETTLE)).containsExactly(A);
    }

    @Test
    void aFileNoLongerListedIsForgotten() {
        // given
        tracker.observe(scan(A, file(10, 1), B, file(10, 1)), 0);

        // when A vanishes, then comes back
        assertThat(tracker.observe(scan(B, file(10, 1)), SETTLE)).containsExactly(B);
        assertThat(tracker.observe(scan(A, file(10, 1)), SETTLE + 1)).isEmpty();

        // then A's wait started again
        assertThat(tracker.observe(scan(A, file(10, 1)), 2 * SETTLE)).isEmpty();
        assertThat(tracker.observe(scan(A, file(10, 1)), 2 * SETTLE + 1)).containsExactly(A);
    }
}
