package org.imagingtriage.topology.feed;

import java.util.Objects;
import java.util.Optional;

/**
 * A candidate image as one scan saw it, with its sidecar's stamp: a sidecar that arrives or
 * changes while the image settles restarts the wait, so the two are read together, complete.
 */
record WatchedFile(FileStamp image, Optional<FileStamp> sidecar) {

    WatchedFile {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(sidecar, "sidecar");
    }
}
