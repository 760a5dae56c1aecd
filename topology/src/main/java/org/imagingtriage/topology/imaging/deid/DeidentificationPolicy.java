package org.imagingtriage.topology.imaging.deid;

import java.util.Objects;
import java.util.Set;

/**
 * What the de-identification gate refuses.
 *
 * @param attributes identifying attribute names; event attribute keys and image metadata keys
 *     naming one of them are refused
 * @param unasserted what to do with events whose feed does not assert de-identification
 * @param identityRemoved what to do with a DICOM header whose PatientIdentityRemoved is not YES
 * @param identifyingMetadataKeys further metadata key names (any spelling, compared as
 *     {@link AttributeKeys} normalises them) that may carry identity: PNG text-chunk keywords and
 *     JPEG segment kinds ({@code COM}, {@code EXIF}, {@code XMP}, {@code IPTC}); empty to accept
 *     any metadata
 */
public record DeidentificationPolicy(IdentifyingAttributes attributes, UnassertedPolicy unasserted,
        IdentityRemovedPolicy identityRemoved, Set<String> identifyingMetadataKeys) {

    /** What the gate does with an event whose {@code deidentification.asserted} is false. */
    public enum UnassertedPolicy {
        /** Refuse with DEIDENTIFICATION_NOT_ASSERTED: the default. */
        REJECT,
        /** Let the other checks decide, for feeds known to publish de-identified data without saying so. */
        ALLOW
    }

    /**
     * What the gate does with a DICOM header whose PatientIdentityRemoved (0012,0062) is absent or
     * not YES. PS3.15 E.1.1 has a de-identifier set it to YES; a file without it was either never
     * de-identified or went through a tool that does not say so.
     */
    public enum IdentityRemovedPolicy {
        /** Refuse with IDENTITY_NOT_REMOVED: the default. */
        REQUIRE_YES,
        /** Let the header scan decide, for archives de-identified by tools that leave the flag unset. */
        IGNORE
    }

    /**
     * The default metadata keys. PNG keywords that name people or free text (Author, Comment,
     * Description, Title, Source, Copyright, Artist), the profiles tools embed as text (EXIF,
     * XMP, IPTC) and the JPEG segments that carry them. JPEG comments are refused too: their
     * content is free text (often only "Created with GIMP", but the gate does not read values).
     * Software, Creation Time, JFIF, ICC_PROFILE and ADOBE carry no identity and pass.
     */
    public static final Set<String> DEFAULT_IDENTIFYING_METADATA_KEYS = Set.of(
            "Author", "Comment", "Description", "Title", "Source", "Copyright", "Artist",
            "COM", "EXIF", "XMP", "IPTC",
            "XML:com.adobe.xmp",
            "Raw profile type exif", "Raw profile type xmp", "Raw profile type iptc", "Raw profile type 8bim",
            "Raw profile type APP1");

    public DeidentificationPolicy {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(unasserted, "unasserted");
        Objects.requireNonNull(identityRemoved, "identityRemoved");
        identifyingMetadataKeys = Set.copyOf(identifyingMetadataKeys);
    }

    public static DeidentificationPolicy defaults() {
        return new DeidentificationPolicy(IdentifyingAttributes.defaults(), UnassertedPolicy.REJECT,
                IdentityRemovedPolicy.REQUIRE_YES, DEFAULT_IDENTIFYING_METADATA_KEYS);
    }

    public DeidentificationPolicy withUnasserted(UnassertedPolicy policy) {
        return new DeidentificationPolicy(attributes, policy, identityRemoved, identifyingMetadataKeys);
    }

    public DeidentificationPolicy withIdentityRemoved(IdentityRemovedPolicy policy) {
        return new DeidentificationPolicy(attributes, unasserted, policy, identifyingMetadataKeys);
    }

    public DeidentificationPolicy withAttributes(IdentifyingAttributes dictionary) {
        return new DeidentificationPolicy(dictionary, unasserted, identityRemoved, identifyingMetadataKeys);
    }

    public DeidentificationPolicy withIdentifyingMetadataKeys(Set<String> keys) {
        return new DeidentificationPolicy(attributes, unasserted, identityRemoved, keys);
    }
}
