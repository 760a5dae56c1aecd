package org.imagingtriage.topology.review;

/** Where a review starts reading when it has no committed position. */
public enum StartPosition {
    /** Every draft the topic still holds (a compacted topic: the latest draft per image). */
    BEGINNING,
    /** Only drafts published from now on. */
    END
}
