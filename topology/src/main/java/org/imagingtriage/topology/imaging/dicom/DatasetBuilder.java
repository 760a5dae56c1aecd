package org.imagingtriage.topology.imaging.dicom;

import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Collects one data set's elements while the parser walks it, then freezes them into a
 * {@link DicomDataset}. Tracks the Specific Character Set as it goes, so items opened later in
 * this data set inherit it (PS3.5 7.5.3).
 */
final class DatasetBuilder {

    private final byte[] bytes;
    private final ByteOrder byteOrder;
    private final List<DicomElement> elements = new ArrayList<>();
    private Charset charset;
    private int lastTag;
    private boolean outOfOrder;
    private boolean repeated;

    DatasetBuilder(byte[] bytes, ByteOrder byteOrder, Charset inherited) {
        this.bytes = bytes;
        this.byteOrder = byteOrder;
        this.charset = inherited;
    }

    void add(DicomElement element) {
        if (!elements.isEmpty()) {
            int order = Integer.compareUnsigned(element.tag(), lastTag);
            outOfOrder |= order < 0;
            repeated |= order == 0;
        }
        lastTag = element.tag();
        elements.add(element);
        if (element.tag() == Tag.SpecificCharacterSet && element instanceof DicomElement.Value value) {
            charset = CharacterSets.forTerms(
                    ValueReader.strings(bytes, value.offset(), value.length(), VR.CS, CharacterSets.DEFAULT));
        }
    }

    Charset charset() {
        return charset;
    }

    boolean isEmpty() {
        return elements.isEmpty();
    }

    /**
     * The data set, elements in ascending tag order. Out-of-order elements are sorted (stably)
     * and a repeated tag keeps its first occurrence; both are noted in {@code deviations}.
     */
    DicomDataset build(Set<Deviation> deviations) {
        DicomElement[] sorted = elements.toArray(new DicomElement[0]);
        if (outOfOrder) {
            deviations.add(Deviation.ELEMENTS_OUT_OF_ORDER);
            Arrays.sort(sorted, (a, b) -> Integer.compareUnsigned(a.tag(), b.tag()));
        }
        int kept = 0;
        for (DicomElement element : sorted) {
            if (kept > 0 && sorted[kept - 1].tag() == element.tag()) {
                repeated = true;
                continue;
            }
            sorted[kept++] = element;
        }
        if (repeated) {
            deviations.add(Deviation.DUPLICATE_ELEMENT);
        }
        DicomElement[] unique = Arrays.copyOf(sorted, kept);
        int[] tags = new int[kept];
        for (int i = 0; i < kept; i++) {
            tags[i] = unique[i].tag();
        }
        return new DicomDataset(bytes, byteOrder, charset, tags, unique);
    }
}
