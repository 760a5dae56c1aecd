package org.imagingtriage.topology.imaging.dicom;

import java.util.List;

/** One parsed data element: a value in the parsed bytes, a sequence of items, or encapsulated pixel data. */
sealed interface DicomElement {

    int tag();

    VR vr();

    /** A value of defined length, read lazily from the parsed bytes by {@link DicomDataset}. */
    record Value(int tag, VR vr, int headerOffset, int offset, int length) implements DicomElement {
    }

    /** SQ, or UN and implicit VR elements of undefined length, which PS3.5 makes sequences. */
    record Sequence(int tag, VR vr, List<DicomDataset> items) implements DicomElement {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** Pixel data (or another OB/OW element) of undefined length: basic offset table and fragments. */
    record Fragments(int tag, VR vr, EncapsulatedPixelData pixelData) implements DicomElement {
    }
}
