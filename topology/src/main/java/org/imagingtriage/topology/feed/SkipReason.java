package org.imagingtriage.topology.feed;

/** Why a file of the folder is not published. */
public enum SkipReason {
    /** No PNG, JPEG or DICOM signature at the start of the file (whatever its extension says). */
    UNKNOWN_FORMAT("not an image: no PNG, JPEG or DICOM signature"),
    /** Larger than {@code limits.max.reference.image.bytes}: the pipeline would refuse the reference. */
    TOO_LARGE("larger than limits.max.reference.image.bytes"),
    /** The file could not be read while scanning. */
    UNREADABLE("cannot be read");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
