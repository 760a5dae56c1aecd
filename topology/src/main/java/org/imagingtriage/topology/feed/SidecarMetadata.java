package org.imagingtriage.topology.feed;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.contract.Priority;

/**
 * What an image's sidecar file ({@code <image file name>.json}) says about it; every key optional.
 * Read and checked by {@link SidecarReader}.
 */
public record SidecarMetadata(Optional<String> modality, Optional<String> bodyPart, Optional<Priority> priority,
                              Optional<String> studyInstanceUid, Optional<String> seriesInstanceUid,
                              Optional<String> sopInstanceUid, Map<String, String> attributes) {

    public SidecarMetadata {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(bodyPart, "bodyPart");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        attributes = Map.copyOf(attributes);
    }

    /** No sidecar: everything comes from the command line's defaults. */
    public static SidecarMetadata none() {
        return new SidecarMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of());
    }
}
