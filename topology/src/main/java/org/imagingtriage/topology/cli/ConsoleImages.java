package org.imagingtriage.topology.cli;

import org.imagingtriage.topology.config.ImagingConfig;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.review.web.DraftImageSource;

/** PLACEHOLDER until the image preview lands. */
final class ConsoleImages implements AutoCloseable {

    static ConsoleImages start(TriageClientConfig client, ImagingConfig imaging) {
        return new ConsoleImages();
    }

    DraftImageSource source() {
        return DraftImageSource.none("IMAGES_NOT_CONFIGURED");
    }

    @Override
    public void close() {
    }
}
