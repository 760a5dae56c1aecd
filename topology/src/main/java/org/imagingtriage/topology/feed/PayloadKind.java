package org.imagingtriage.topology.feed;

/** How an image travels: in the event, by a {@code file://} reference, or not at all. */
public enum PayloadKind {
    /** The bytes in the event ({@code InlineImage}). */
    INLINE,
    /** A {@code file://} URI with the file's SHA-256 and size ({@code ImageRef}); the pipeline reads the file. */
    REFERENCE,
    /** Over the pipeline's reference limit: the pipeline would refuse it, so it is not sent. */
    TOO_LARGE
}
