package org.imagingtriage.topology.feed;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Priority;

/**
 * An image's metadata for its event: its sidecar's values over the run's defaults. UIDs the
 * sidecar does not give stay empty here and are minted per pass ({@link FeedPass}).
 */
public record ImageMetadata(String modality, Optional<String> bodyPart, Priority priority,
                            Optional<String> studyInstanceUid, Optional<String> seriesInstanceUid,
                            Optional<String> sopInstanceUid, Map<String, String> attributes) {

    public ImageMetadata {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(bodyPart, "bodyPart");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        attributes = Map.copyOf(attributes);
    }

    /**
     * The sidecar's values, else the defaults. A DICOM file must get its modality from one of
     * them (its header is not read yet); PNG and JPEG files fall back to {@code OT}, other.
     *
     * @return empty when the image has no modality from anywhere
     */
    public static Optional<ImageMetadata> resolve(SidecarMetadata sidecar, EventDefaults defaults, ImageFormat format) {
        Optional<String> modality = sidecar.modality().or(defaults::modality);
        if (modality.isEmpty() && format != ImageFormat.DICOM) {
            modality = Optional.of(EventDefaults.UNKNOWN_MODALITY);
        }
        return modality.map(code -> new ImageMetadata(
                code,
                sidecar.bodyPart().or(defaults::bodyPart),
                sidecar.priority().orElse(defaults.priority()),
                sidecar.studyInstanceUid(),
                sidecar.seriesInstanceUid(),
                sidecar.sopInstanceUid(),
                sidecar.attributes()));
    }
}
