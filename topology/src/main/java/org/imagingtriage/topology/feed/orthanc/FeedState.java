package org.imagingtriage.topology.feed.orthanc;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a feed has durably published: the last Orthanc change whose instances are all in Kafka,
 * the SOP Instance UIDs it published and, when it follows stable series, the series it still
 * waits for. Only committed transactions change it, so it always
 * matches what a read_committed reader of the events topics sees.
 *
 * <p>One UID costs about 150 bytes of heap: a million published instances hold some 150 MB.
 */
final class FeedState {

    private final Set<String> published = new HashSet<>();
    private final Set<String> pendingSeries = new LinkedHashSet<>();
    private OptionalLong position = OptionalLong.empty();

    OptionalLong position() {
        return position;
    }

    boolean isPublished(String sopInstanceUid) {
        return published.contains(sopInstanceUid);
    }

    int publishedCount() {
        return published.size();
    }

    void moveTo(long seq) {
        position = OptionalLong.of(seq);
    }

    void markPublished(String sopInstanceUid) {
        published.add(sopInstanceUid);
    }

    /** Series (Orthanc ids) with instances whose StableSeries change has not been handled yet. */
    Set<String> pendingSeries() {
        return Collections.unmodifiableSet(pendingSeries);
    }

    void addPendingSeries(String seriesId) {
        pendingSeries.add(seriesId);
    }

    void removePendingSeries(String seriesId) {
        pendingSeries.remove(seriesId);
    }
}
