package org.imagingtriage.topology.review.web;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The image behind a draft, as the reviewer may see it: the preprocessed model input, or why not. */
@FunctionalInterface
public interface DraftImageSource {

    /**
     * @param inputSha256 the draft's {@code provenance.inputSha256}: an image whose model input
     *     hashes otherwise is not the one the model saw, and is not shown
     */
    ImageAnswer image(String sopInstanceUid, UUID eventId, String inputSha256);

    /** For a console started without access to the images. */
    static DraftImageSource none(String reason) {
        return (sop, eventId, inputSha256) -> ImageAnswer.refused(reason);
    }

    /**
     * @param png the image, or empty with {@code reason} a fixed code or phrase (never event data)
     * @param busy refused for now only (too many renders at once): the page may ask again shortly
     */
    record ImageAnswer(Optional<byte[]> png, String reason, boolean busy) {

        public ImageAnswer {
            Objects.requireNonNull(png, "png");
            Objects.requireNonNull(reason, "reason");
        }

        public static ImageAnswer of(byte[] png) {
            return new ImageAnswer(Optional.of(png), "", false);
        }

        public static ImageAnswer refused(String reason) {
            return new ImageAnswer(Optional.empty(), reason, false);
        }

        public static ImageAnswer busy(String reason) {
            return new ImageAnswer(Optional.empty(), reason, true);
        }
    }
}
