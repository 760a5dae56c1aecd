package org.imagingtriage.topology.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Names the watch never reads: hidden files and directories (the system's and tools' own) and
 * the temporary names copy tools write to before renaming the finished file (rsync's
 * {@code .name.XXXX}, browsers' and WinSCP's {@code .part} and {@code .filepart}, {@code .tmp}).
 */
final class TransientNames {

    private static final List<String> TEMPORARY_SUFFIXES = List.of(".part", ".tmp", ".filepart");

    private TransientNames() {
    }

    /** Whether any part of {@code relative} (a path below the watched directory) is hidden or temporary. */
    static boolean isIgnored(Path relative) {
        if (FeedPlanner.isHidden(relative)) {
            return true;
        }
        for (Path part : relative) {
            String lower = part.toString().toLowerCase(Locale.ROOT);
            if (TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith)) {
                return true;
            }
        }
        return false;
    }
}
