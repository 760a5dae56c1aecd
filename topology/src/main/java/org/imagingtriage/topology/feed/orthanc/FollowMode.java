package org.imagingtriage.topology.feed.orthanc;

/** Which Orthanc changes make the feed publish. */
public enum FollowMode {
    /** Every instance as soon as Orthanc stores it: the lowest latency. */
    NEW_INSTANCE,
    /**
     * A series' instances once Orthanc declares the series stable (no new instance for
     * {@code StableAge} seconds): drafts follow whole series, later by that age.
     */
    STABLE_SERIES
}
