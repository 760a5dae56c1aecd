package org.imagingtriage.topology.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one run of the folder feed will do, decided before anything is sent: the images to publish
 * in order, and the files it skips with their reasons.
 *
 * @param directory the fed directory, absolute and normalised
 */
public record FeedPlan(Path directory, List<PlannedImage> images, List<SkippedFile> skipped) {

    public FeedPlan {
        Objects.requireNonNull(directory, "directory");
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
    }

    public long totalBytes() {
        return images.stream().mapToLong(planned -> planned.image().sizeBytes()).sum();
    }

    public long count(PayloadKind kind) {
        return images.stream().filter(planned -> planned.payloadKind() == kind).count();
    }
}
