package org.imagingtriage.topology.feed;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One pass over the folder ({@code --repeat} makes several), and the UIDs it mints: one study for
 * the pass, one series per directory of that study, one SOP instance per image; a sidecar's UIDs
 * win. Each pass mints afresh, so repeating a folder for load publishes new studies rather than
 * the same keys again. Not thread-safe: one pass is published by one thread.
 */
public final class FeedPass {

    private final UidMinter minter;
    private final String studyInstanceUid;
    private final Map<SeriesKey, String> seriesUids = new HashMap<>();

    public FeedPass(UidMinter minter) {
        this.minter = Objects.requireNonNull(minter, "minter");
        this.studyInstanceUid = minter.mint();
    }

    public EventIdentity identify(PlannedImage planned) {
        ImageMetadata metadata = planned.metadata();
        String study = metadata.studyInstanceUid().orElse(studyInstanceUid);
        // Keyed by study too: a series never spans two studies, even when a sidecar names another.
        String series = metadata.seriesInstanceUid().orElseGet(() -> seriesUids.computeIfAbsent(
                new SeriesKey(planned.image().directory(), study), key -> minter.mint()));
        String sop = metadata.sopInstanceUid().orElseGet(minter::mint);
        return new EventIdentity(study, series, sop);
    }

    private record SeriesKey(Path directory, String studyInstanceUid) {
    }
}
