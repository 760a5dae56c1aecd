package org.imagingtriage.topology.feed.orthanc;

import java.util.Objects;

/**
 * One entry of Orthanc's {@code /changes} log.
 *
 * @param seq its position in the log, increasing
 * @param type {@code NewInstance}, {@code StableSeries}...
 * @param resourceId Orthanc's id of the changed resource (an instance, a series...)
 */
public record OrthancChange(long seq, String type, String resourceId) {

    public static final String NEW_INSTANCE = "NewInstance";
    public static final String STABLE_SERIES = "StableSeries";

    public OrthancChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceId, "resourceId");
    }
}
