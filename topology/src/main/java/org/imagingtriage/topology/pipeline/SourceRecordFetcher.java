package org.imagingtriage.topology.pipeline;

import java.util.Collection;

/** Reads records again by their coordinates: how the async step gets back what it had in flight. */
@FunctionalInterface
interface SourceRecordFetcher {

    /** @throws StillTransientException when the topic cannot be read now */
    RefetchedRecords fetch(Collection<SourceCoordinates> coordinates);
}
