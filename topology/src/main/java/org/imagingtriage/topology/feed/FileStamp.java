package org.imagingtriage.topology.feed;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/** One version of a file as the watch tells versions apart: its size and modification time. */
record FileStamp(long sizeBytes, FileTime modified) {

    FileStamp {
        Objects.requireNonNull(modified, "modified");
    }

    static FileStamp of(BasicFileAttributes attributes) {
        return new FileStamp(attributes.size(), attributes.lastModifiedTime());
    }
}
