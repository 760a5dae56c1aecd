package org.imagingtriage.topology.imaging.deid;

import java.util.Objects;
import java.util.Set;

/**
 * A DICOM attribute that identifies a person or an institution, by every name it is known by.
 *
 * @param keyword the DICOM keyword, such as {@code PatientName}; what failure details show
 * @param tag eight hex digits such as {@code 00100010}, or null for a name with no tag
 * @param aliases other spellings, such as the DICOM attribute name "Patient's Name"
 */
public record IdentifyingAttribute(String keyword, String tag, Set<String> aliases) {

    public IdentifyingAttribute {
        Objects.requireNonNull(keyword, "keyword");
        if (AttributeKeys.normalize(keyword).isEmpty()) {
            throw new IllegalArgumentException("keyword must contain letters or digits: " + keyword);
        }
        if (tag != null && !tag.matches("[0-9a-fA-F]{8}")) {
            throw new IllegalArgumentException("tag must be eight hex digits such as 00100010: " + tag);
        }
        aliases = Set.copyOf(aliases);
    }

    public static IdentifyingAttribute of(String keyword, String tag, String... aliases) {
        return new IdentifyingAttribute(keyword, tag, Set.of(aliases));
    }

    /** "PatientName (0010,0010)": keyword and tag from our dictionary, never the event's spelling. */
    public String displayName() {
        return tag == null ? keyword : keyword + " (" + AttributeKeys.displayTag(tag) + ")";
    }
}
