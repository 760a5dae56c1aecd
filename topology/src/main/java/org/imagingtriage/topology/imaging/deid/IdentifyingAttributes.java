package org.imagingtriage.topology.imaging.deid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A dictionary of identifying attributes, looked up by any spelling of their keyword, alias or
 * tag (see {@link AttributeKeys}). Immutable.
 */
public final class IdentifyingAttributes {

    private final List<IdentifyingAttribute> attributes;
    private final Map<String, IdentifyingAttribute> byNormalizedName;

    private IdentifyingAttributes(List<IdentifyingAttribute> attributes) {
        this.attributes = List.copyOf(attributes);
        Map<String, IdentifyingAttribute> index = new HashMap<>();
        for (IdentifyingAttribute attribute : this.attributes) {
            index.put(AttributeKeys.normalize(attribute.keyword()), attribute);
            for (String alias : attribute.aliases()) {
                index.put(AttributeKeys.normalize(alias), attribute);
            }
            if (attribute.tag() != null) {
                index.put(attribute.tag().toLowerCase(Locale.ROOT), attribute);
            }
        }
        this.byNormalizedName = Map.copyOf(index);
    }

    /** The identifying DICOM attributes of {@link DicomIdentifyingAttributes}. */
    public static IdentifyingAttributes defaults() {
        return of(DicomIdentifyingAttributes.ALL);
    }

    public static IdentifyingAttributes of(Collection<IdentifyingAttribute> attributes) {
        return new IdentifyingAttributes(new ArrayList<>(attributes));
    }

    /** This dictionary with {@code more} added (for example PatientAge, where policy requires it). */
    public IdentifyingAttributes plus(IdentifyingAttribute... more) {
        List<IdentifyingAttribute> all = new ArrayList<>(attributes);
        all.addAll(List.of(more));
        return new IdentifyingAttributes(all);
    }

    /** This dictionary without the attributes whose keyword is one of {@code keywords}. */
    public IdentifyingAttributes minus(String... keywords) {
        List<String> removed = List.of(keywords);
        List<IdentifyingAttribute> kept = new ArrayList<>(attributes);
        kept.removeIf(attribute -> removed.contains(attribute.keyword()));
        return new IdentifyingAttributes(kept);
    }

    public List<IdentifyingAttribute> all() {
        return attributes;
    }

    /** The attribute {@code key} names, in any of the spellings {@link AttributeKeys} accepts. */
    public Optional<IdentifyingAttribute> match(String key) {
        for (String candidate : AttributeKeys.candidates(key)) {
            IdentifyingAttribute attribute = byNormalizedName.get(candidate);
            if (attribute != null) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }
}
