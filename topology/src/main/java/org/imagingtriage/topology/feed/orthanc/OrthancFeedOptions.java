package org.imagingtriage.topology.feed.orthanc;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Orthanc feed runs.
 *
 * @param follow which changes publish instances
 * @param start where to begin when no position is stored (or when {@code reset})
 * @param reset ignore the stored position and begin at {@code start}; instances already published stay
 *     published (they are remembered by SOP Instance UID)
 * @param untilIdle stop once the change log is read to its end, instead of polling for ever
 * @param pageSize changes asked for per request
 * @param pollInterval pause after reaching the end of the change log
 * @param inlineMaxBytes largest DICOM file sent inside its event; larger ones go by reference
 * @param maxReferenceBytes largest file the pipeline fetches; larger ones are still published (and
 *     logged), for the pipeline to dead-letter as IMAGE_TOO_LARGE
 * @param commitEvents commit a transaction after this many events
 * @param commitInterval commit a transaction at least this often
 * @param initialBackoff first pause when Orthanc is unavailable, doubled up to {@code maxBackoff}
 * @param seriesRecheckInterval with STABLE_SERIES, how often an idle feed asks Orthanc about the
 *     series still waiting for their StableSeries change
 */
public record OrthancFeedOptions(FollowMode follow, StartPosition start, boolean reset, boolean untilIdle,
                                 int pageSize, Duration pollInterval, long inlineMaxBytes, long maxReferenceBytes,
                                 int commitEvents, Duration commitInterval, Duration initialBackoff,
                                 Duration maxBackoff, Duration seriesRecheckInterval) {

    public OrthancFeedOptions {
        Objects.requireNonNull(follow, "follow");
        Objects.requireNonNull(start, "start");
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("the page size must be 1 to 10000 changes");
        }
        requirePositive(pollInterval, "the poll interval");
        requirePositive(commitInterval, "the commit interval");
        requirePositive(initialBackoff, "the initial backoff");
        requirePositive(maxBackoff, "the maximum backoff");
        requirePositive(seriesRecheckInterval, "the series recheck interval");
        if (inlineMaxBytes < 0 || maxReferenceBytes < 1 || commitEvents < 1) {
            throw new IllegalArgumentException("the inline limit must be 0 or more, the reference limit and the "
                    + "commit size positive");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
