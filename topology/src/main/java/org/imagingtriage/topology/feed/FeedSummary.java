package org.imagingtriage.topology.feed;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of the folder feed did (or, for a dry run, would do).
 *
 * @param planned events the run set out to publish: planned images times passes
 * @param publishedInline events acknowledged by every in-sync replica, image inline
 * @param publishedByReference the same, image by {@code file://} reference
 * @param publishedBytes image bytes (the files' sizes) of the acknowledged events
 * @param skipped files not published, with the reason
 * @param failed images that could not be read or whose send failed
 * @param notSent planned events never attempted because the run stopped early
 * @param refusedReferences references the pipeline, configured as this feed is, would dead-letter
 * @param abortReason why the run stopped early, if it did
 */
public record FeedSummary(boolean dryRun, long planned, long publishedInline, long publishedByReference,
                          long publishedBytes, List<SkippedFile> skipped, List<FailedFile> failed, long notSent,
                          long refusedReferences, Optional<String> abortReason, Duration elapsed) {

    public FeedSummary {
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
        Objects.requireNonNull(abortReason, "abortReason");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public long published() {
        return publishedInline + publishedByReference;
    }

    /**
     * Whether everything planned was published and nothing was skipped; files without an image
     * signature may be expected ({@code --skip-unknown}) in folders that hold other files too.
     */
    public boolean succeeded(boolean unknownFilesExpected) {
        boolean skippedOnlyExpected = skipped.stream()
                .allMatch(file -> unknownFilesExpected && file.reason() == SkipReason.UNKNOWN_FORMAT);
        return failed.isEmpty() && notSent == 0 && abortReason.isEmpty() && skippedOnlyExpected;
    }
}
