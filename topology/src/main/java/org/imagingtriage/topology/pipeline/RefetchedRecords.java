package org.imagingtriage.topology.pipeline;

import java.util.Map;
import java.util.Objects;

/**
 * What fetching in-flight records again found.
 *
 * @param found the committed records found; a coordinate below its partition's end that is not
 *     here no longer exists (deleted by retention, or never a committed record)
 * @param pastEnd coordinates at or past their partition's end offset (the last stable offset),
 *     each with that end offset: the end lagging behind (a leader change) or the log gone back
 *     (the topic recreated, an unclean leader election); only time tells which
 */
record RefetchedRecords(Map<SourceCoordinates, SourceRecord> found, Map<SourceCoordinates, Long> pastEnd) {

    RefetchedRecords {
        found = Map.copyOf(Objects.requireNonNull(found, "found"));
        pastEnd = Map.copyOf(Objects.requireNonNull(pastEnd, "pastEnd"));
    }
}
