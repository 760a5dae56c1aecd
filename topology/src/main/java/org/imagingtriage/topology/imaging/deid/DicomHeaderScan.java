package org.imagingtriage.topology.imaging.deid;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.VR;

/**
 * Finds the identifying attributes a DICOM header gives a value, at top level and inside sequence
 * items at any depth: a de-identifier that cleans the top level often forgets the copies of
 * PatientName or PatientID nested in ReferencedPatientSequence or RequestAttributesSequence.
 * The reader has already bounded the nesting depth, so the recursion is bounded too.
 *
 * <p>Values are inspected only to decide "empty or not": none is kept, returned or shown. Immutable.
 */
final class DicomHeaderScan {

    private final Map<Integer, IdentifyingAttribute> byTag;

    DicomHeaderScan(IdentifyingAttributes attributes) {
        Map<Integer, IdentifyingAttribute> index = new HashMap<>();
        for (IdentifyingAttribute attribute : attributes.all()) {
            // Attributes configured by name only (no tag) cannot be found in a header.
            if (attribute.tag() != null) {
                index.put(Integer.parseUnsignedInt(attribute.tag().toLowerCase(Locale.ROOT), 16), attribute);
            }
        }
        this.byTag = Map.copyOf(index);
    }

    /** Display names (keyword and tag, never a value) of identifying attributes holding a value, sorted. */
    SortedSet<String> offendingAttributes(DicomDataset header) {
        SortedSet<String> offending = new TreeSet<>();
        collect(header, offending);
        return offending;
    }

    private void collect(DicomDataset dataset, SortedSet<String> offending) {
        for (int tag : dataset.tags()) {
            IdentifyingAttribute attribute = byTag.get(tag);
            if (attribute != null && holdsValue(dataset, tag)) {
                offending.add(attribute.displayName());
            }
            for (DicomDataset item : dataset.getSequence(tag)) {
                collect(item, offending);
            }
        }
    }

    /**
     * A sequence holds a value when it has an item (even an empty item says someone is referenced);
     * text when any value is more than padding; anything else (UN, as implicit VR gives tags outside
     * the reader's dictionary) when any byte is neither NUL nor space.
     */
    private static boolean holdsValue(DicomDataset dataset, int tag) {
        if (!dataset.getSequence(tag).isEmpty()) {
            return true;
        }
        VR vr = dataset.vr(tag).orElse(VR.UN);
        if (vr.isText()) {
            List<String> values = dataset.getStrings(tag);
            return values.stream().anyMatch(value -> !value.isBlank());
        }
        return dataset.getBytes(tag).map(DicomHeaderScan::hasContent).orElse(false);
    }

    private static boolean hasContent(ByteBuffer value) {
        for (int i = value.position(); i < value.limit(); i++) {
            byte b = value.get(i);
            if (b != 0 && b != ' ') {
                return true;
            }
        }
        return false;
    }
}
