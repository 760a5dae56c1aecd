package org.imagingtriage.topology.feed;

import java.util.Objects;

/** An image the feed will publish: the file, its metadata and how its bytes travel. */
public record PlannedImage(FolderImage image, ImageMetadata metadata, PayloadKind payloadKind) {

    public PlannedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(payloadKind, "payloadKind");
        if (payloadKind == PayloadKind.TOO_LARGE) {
            throw new IllegalArgumentException("an image too large to send is skipped, not planned");
        }
    }
}
