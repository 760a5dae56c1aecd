package org.imagingtriage.topology.feed.orthanc;

/** Where a feed with no stored position starts in Orthanc's change log. */
public enum StartPosition {
    /** At the first change: publishes everything Orthanc holds. */
    BEGINNING,
    /** After the last change: publishes only what Orthanc stores from now on. */
    LATEST
}
