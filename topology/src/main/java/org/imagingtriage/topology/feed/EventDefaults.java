package org.imagingtriage.topology.feed;

import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.contract.Priority;

/**
 * What the operator says about every image of a run, on the command line; a sidecar file says it
 * per image and wins.
 *
 * @param modality DICOM modality code for images whose sidecar names none
 * @param bodyPart DICOM body part code for images whose sidecar names none
 * @param priority priority for images whose sidecar names none
 * @param source the feed's identifier in every event ({@code folder:<absolute directory>} by default);
 *     names a feed, never a person
 * @param deidentificationAsserted the feed's claim that the images carry no patient identity
 * @param deidentificationMethod how they were de-identified, when asserted
 */
public record EventDefaults(Optional<String> modality, Optional<String> bodyPart, Priority priority, String source,
                            boolean deidentificationAsserted, Optional<String> deidentificationMethod) {

    /** What the folder feed claims when the operator says nothing else. */
    public static final String DEFAULT_DEIDENTIFICATION_METHOD = "asserted by operator (triage feed folder)";
    /** PNG and JPEG files carry no modality: "OT" (other) until a sidecar or option says better. */
    public static final String UNKNOWN_MODALITY = "OT";

    public EventDefaults {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(bodyPart, "bodyPart");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(deidentificationMethod, "deidentificationMethod");
        modality.filter(code -> !DicomSyntax.isCodeString(code)).ifPresent(code -> {
            throw new IllegalArgumentException("the modality must be a DICOM code string such as CR, DX or CT "
                    + "(upper case letters, digits, underscores; 16 at most)");
        });
        bodyPart.filter(code -> !DicomSyntax.isCodeString(code)).ifPresent(code -> {
            throw new IllegalArgumentException("the body part must be a DICOM code string such as CHEST "
                    + "(upper case letters, digits, underscores; 16 at most)");
        });
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("the source must not be blank");
        }
        if (!deidentificationAsserted && deidentificationMethod.isPresent()) {
            throw new IllegalArgumentException("a de-identification method makes no sense when de-identification "
                    + "is not asserted");
        }
    }
}
