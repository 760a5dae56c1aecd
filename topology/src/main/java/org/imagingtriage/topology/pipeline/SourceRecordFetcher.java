package org.imagingtriage.topology.pipeline;

import java.util.Collection;
import java.util.Map;

/** Reads records again by their coordinates: how the async step gets back what it had in flight. */
@FunctionalInterface
interface SourceRecordFetcher {

    /**
     * @return the committed records found; a coordinate missing from the map no longer exists
     *     (deleted by retention, or never a committed record)
     * @throws StillTransientException when the topic cannot be read now
     */
    Map<SourceCoordinates, SourceRecord> fetch(Collection<SourceCoordinates> coordinates);
}
