package org.imagingtriage.topology.imaging.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads encapsulated pixel data (PS3.5 A.4) after its header: a basic offset table item, then
 * fragment items, up to the sequence delimiter. Items here never nest, so this is a plain loop;
 * fragment lengths are what delimit them, so fragment bytes that happen to look like a delimiter
 * are read as data.
 */
final class FragmentReader {

    private FragmentReader() {
    }

    static EncapsulatedPixelData read(DicomInput in, ElementHeader header, int limit, Encoding encoding,
            DicomLimits limits) throws DicomParseException {
        String element = "encapsulated " + Tag.describe(header.tag());
        boolean bigEndian = encoding.bigEndian();
        long[] offsetTable = null;
        List<Fragment> fragments = new ArrayList<>();
        long fragmentBytes = 0;
        while (true) {
            ElementHeader item = encoding.readItemHeader(in, limit, "an item header of " + element);
            if (item.tag() == Tag.SequenceDelimitationItem) {
                return new EncapsulatedPixelData(header.tag(), header.vr(), header.offset(), in.bytes(),
                        offsetTable == null ? new long[0] : offsetTable, fragments);
            }
            if (item.tag() != Tag.Item) {
                throw in.fail(DicomReason.INVALID_STRUCTURE, element + " holds " + Tag.describe(item.tag())
                        + " where an Item or the Sequence Delimitation Item must be", item.offset());
            }
            if (item.undefinedLength()) {
                throw in.fail(DicomReason.INVALID_LENGTH, "an item of " + element + " has undefined length",
                        item.offset());
            }
            in.requireValue(item.length(), limit, "an item of " + element);
            int length = (int) item.length();
            if (offsetTable == null) {
                offsetTable = offsetTable(in, length, element, limits, bigEndian);
                continue;
            }
            if (fragments.size() == limits.maxFragments()) {
                throw in.fail(DicomReason.TOO_MANY_FRAGMENTS, element + " has more than " + limits.maxFragments()
                        + " fragments", item.offset());
            }
            fragmentBytes += length;
            if (fragmentBytes > limits.maxPixelDataBytes()) {
                throw in.fail(DicomReason.PIXEL_DATA_TOO_LONG, element + " has more than "
                        + limits.maxPixelDataBytes() + " bytes of fragments", item.offset());
            }
            fragments.add(new Fragment(in.position(), length));
            in.position(in.position() + length);
        }
    }

    /** The first item: one 32-bit offset per frame, or nothing. */
    private static long[] offsetTable(DicomInput in, int length, String element, DicomLimits limits,
            boolean bigEndian) throws DicomParseException {
        int at = in.position();
        if (length % 4 != 0) {
            throw in.fail(DicomReason.INVALID_LENGTH, "the basic offset table of " + element + " is " + length
                    + " bytes, not a multiple of 4", at);
        }
        // One entry per frame, and every frame has a fragment: more entries than fragments may exist is a lie.
        if (length / 4 > limits.maxFragments()) {
            throw in.fail(DicomReason.TOO_MANY_FRAGMENTS, "the basic offset table of " + element + " lists "
                    + length / 4 + " frames, more than the " + limits.maxFragments() + " fragments allowed", at);
        }
        long[] offsets = new long[length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.readUnsignedInt(bigEndian);
        }
        return offsets;
    }
}
