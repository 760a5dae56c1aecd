package org.imagingtriage.topology.feed;

import java.nio.file.Path;
import java.util.Objects;
import org.imagingtriage.contract.ImageFormat;

/**
 * A file of the fed folder whose signature is an image format's.
 *
 * @param path absolute and normalised
 * @param displayName the path relative to the fed directory: for the operator's terminal only,
 *     never for events or logs (exported file names often contain patient names)
 * @param directory the directory holding it, which decides its series
 * @param format detected from the file's leading bytes, not its extension
 * @param sizeBytes the size when the folder was scanned
 */
public record FolderImage(Path path, String displayName, Path directory, ImageFormat format, long sizeBytes) {

    public FolderImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(format, "format");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative");
        }
    }
}
