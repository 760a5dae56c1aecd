package org.imagingtriage.topology.feed.orthanc;

import java.util.Objects;
import java.util.Optional;

/**
 * The keys of one feed's records in the compacted state topic, which several feeds may share:
 * {@code position|<source>} holds the last change fully published, {@code sop|<source>|<uid>}
 * marks an instance as published, {@code series|<source>|<orthanc id>} a series waiting to become
 * stable (a tombstone clears it). A source never contains '|', so the keys cannot be confused.
 */
record FeedStateKeys(String source) {

    private static final char SEPARATOR = '|';

    FeedStateKeys {
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || source.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a feed's source must be non-blank and contain no '|'");
        }
    }

    String position() {
        return "position" + SEPARATOR + source;
    }

    String published(String sopInstanceUid) {
        return sopPrefix() + sopInstanceUid;
    }

    /** The SOP Instance UID a key of this feed marks as published, if it is such a key. */
    Optional<String> publishedUid(String key) {
        return key.startsWith(sopPrefix()) ? Optional.of(key.substring(sopPrefix().length())) : Optional.empty();
    }

    String pendingSeries(String seriesId) {
        return seriesPrefix() + seriesId;
    }

    /** The Orthanc series id a key of this feed marks as waiting, if it is such a key. */
    Optional<String> pendingSeriesId(String key) {
        return key.startsWith(seriesPrefix()) ? Optional.of(key.substring(seriesPrefix().length())) : Optional.empty();
    }

    private String seriesPrefix() {
        return "series" + SEPARATOR + source + SEPARATOR;
    }

    private String sopPrefix() {
        return "sop" + SEPARATOR + source + SEPARATOR;
    }
}
