package org.imagingtriage.topology.feed;

import java.util.Objects;

/**
 * A file the feed does not publish, and why.
 *
 * @param displayName relative to the fed directory, for the operator's terminal only
 * @param detail more about this file (its size, the I/O error's type); may be empty
 */
public record SkippedFile(String displayName, SkipReason reason, String detail) {

    public SkippedFile {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** "chest-01.txt: not an image: no PNG, JPEG or DICOM signature". */
    public String describe() {
        return displayName + ": " + reason.description() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
