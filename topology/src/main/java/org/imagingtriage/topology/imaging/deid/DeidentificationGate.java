package org.imagingtriage.topology.imaging.deid;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.Tag;

/**
 * Refuses events and images that may carry identity, with what is knowable today:
 * <ul>
 *   <li>the event: the feed's de-identification claim, and attribute keys naming identifying
 *       DICOM attributes (keys only; the gate never reads event attribute values);
 *   <li>the image file: metadata entries whose names are configured as identifying (PNG text
 *       chunks, JPEG COM, EXIF, XMP, IPTC segments);
 *   <li>a DICOM file's header: identifying attributes holding a value at any sequence depth,
 *       BurnedInAnnotation YES, and PatientIdentityRemoved not YES (unless the policy ignores it).
 * </ul>
 * Out of scope: text burned into the pixels of a file that does not declare it (no OCR here).
 * Failure details list names from the policy's dictionaries only: never a value, never the
 * event's own spelling of a key (a key is untrusted text too).
 */
public final class DeidentificationGate {

    private final DeidentificationPolicy policy;
    private final Map<String, String> metadataKeysByNormalizedName;
    private final DicomHeaderScan headerScan;

    public DeidentificationGate(DeidentificationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Map<String, String> index = new HashMap<>();
        for (String key : policy.identifyingMetadataKeys()) {
            index.put(AttributeKeys.normalize(key), key);
        }
        this.metadataKeysByNormalizedName = Map.copyOf(index);
        this.headerScan = new DicomHeaderScan(policy.attributes());
    }

    /**
     * The checks that need only the event, so they run before its image is fetched: identifying
     * attribute keys first (PHI present outranks a missing claim), then the claim.
     */
    public void checkEvent(ImageEvent event) throws ImagingException {
        SortedSet<String> offending = new TreeSet<>();
        Map<String, String> attributes = event.getAttributes();
        if (attributes != null) {
            for (String key : attributes.keySet()) {
                policy.attributes().match(key).ifPresent(attribute -> offending.add(attribute.displayName()));
            }
        }
        if (!offending.isEmpty()) {
            throw new ImagingException(ImagingReason.PHI_IN_ATTRIBUTES,
                    "event attributes name identifying DICOM attributes: " + String.join(", ", offending));
        }
        Deidentification claim = event.getDeidentification();
        boolean asserted = claim != null && claim.getAsserted();
        if (!asserted && policy.unasserted() == DeidentificationPolicy.UnassertedPolicy.REJECT) {
            throw new ImagingException(ImagingReason.DEIDENTIFICATION_NOT_ASSERTED,
                    "the feed does not assert de-identification and the policy requires it");
        }
    }

    /**
     * The checks on the decoded file: its metadata keys, then a DICOM file's header. Identity
     * present outranks identity declared in the pixels, which outranks a missing removal claim,
     * so the dead letter names the most concrete problem.
     */
    public void checkImage(DecodedImage image) throws ImagingException {
        SortedSet<String> offending = new TreeSet<>();
        for (String key : image.metadataKeys()) {
            identifyingMetadataName(key).ifPresent(offending::add);
        }
        if (!offending.isEmpty()) {
            throw new ImagingException(ImagingReason.PHI_IN_IMAGE_METADATA,
                    "the image file carries metadata that may identify: " + String.join(", ", offending));
        }
        Optional<DicomDataset> header = image.dicomHeader();
        if (header.isPresent()) {
            checkDicomHeader(header.get());
        }
    }

    private void checkDicomHeader(DicomDataset header) throws ImagingException {
        SortedSet<String> offending = headerScan.offendingAttributes(header);
        if (!offending.isEmpty()) {
            throw new ImagingException(ImagingReason.PHI_IN_DICOM_HEADER,
                    "the DICOM header gives identifying attributes a value: " + String.join(", ", offending));
        }
        // No OCR here: a file that declares text in its pixels is refused, whatever the policy.
        if (isYes(header, Tag.BurnedInAnnotation)) {
            throw new ImagingException(ImagingReason.BURNED_IN_ANNOTATION,
                    "the DICOM header declares " + Tag.describe(Tag.BurnedInAnnotation) + " YES");
        }
        if (policy.identityRemoved() == DeidentificationPolicy.IdentityRemovedPolicy.REQUIRE_YES
                && !isYes(header, Tag.PatientIdentityRemoved)) {
            throw new ImagingException(ImagingReason.IDENTITY_NOT_REMOVED,
                    "the DICOM header's " + Tag.describe(Tag.PatientIdentityRemoved)
                            + " is not YES and the policy requires it");
        }
    }

    /** CS defined terms are upper case; the reader has already removed the padding. */
    private static boolean isYes(DicomDataset header, int tag) {
        return header.getString(tag).filter("YES"::equals).isPresent();
    }

    private Optional<String> identifyingMetadataName(String key) {
        for (String candidate : AttributeKeys.candidates(key)) {
            String configured = metadataKeysByNormalizedName.get(candidate);
            if (configured != null) {
                return Optional.of(configured);
            }
        }
        // Converters from DICOM sometimes copy header attributes into PNG text chunks.
        return policy.attributes().match(key).map(IdentifyingAttribute::displayName);
    }
}
