package org.imagingtriage.topology.imaging.dicom.pixel;

import java.nio.ByteBuffer;
import java.util.List;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.dicom.EncapsulatedPixelData;
import org.imagingtriage.topology.imaging.dicom.Fragment;

/**
 * Which fragments of encapsulated pixel data make one frame (PS3.5 A.4): the Basic Offset Table
 * when the encoder filled it, else one fragment per frame when the counts agree, else, for a
 * single frame, all fragments. A multi-frame file with neither is refused: guessing frame
 * boundaries inside a codec's stream is how wrong frames get shown.
 *
 * <p>The frame is copied into one array, at most the pixel data's length, which the reader has
 * already checked against {@code DicomLimits.maxPixelDataBytes}.
 */
final class EncapsulatedFrames {

    /** An item header (tag and length) precedes each fragment in the table's byte counting. */
    private static final int ITEM_HEADER_BYTES = 8;

    private EncapsulatedFrames() {
    }

    static byte[] frame(EncapsulatedPixelData pixels, int frames, int frame) throws ImagingException {
        List<Fragment> fragments = pixels.fragments();
        if (fragments.isEmpty()) {
            throw ImageDescriptor.corrupt("the encapsulated pixel data holds no fragment");
        }
        long[] table = pixels.basicOffsetTable();
        if (table.length > 0) {
            return fromTable(pixels, table, frames, frame);
        }
        if (fragments.size() == frames) {
            return concatenate(pixels, frame, frame + 1);
        }
        if (frames == 1) {
            return concatenate(pixels, 0, fragments.size());
        }
        throw ImageDescriptor.corrupt(frames + " frames in " + fragments.size()
                + " fragments with no basic offset table: the frame boundaries are unknown");
    }

    private static byte[] fromTable(EncapsulatedPixelData pixels, long[] table, int frames, int frame)
            throws ImagingException {
        if (table.length != frames) {
            throw ImageDescriptor.corrupt("the basic offset table has " + table.length + " entries for "
                    + frames + " frames");
        }
        List<Fragment> fragments = pixels.fragments();
        long start = table[frame];
        long end = frame + 1 < table.length ? table[frame + 1] : Long.MAX_VALUE;
        int first = -1;
        int last = -1;
        long position = 0;
        for (int i = 0; i < fragments.size(); i++) {
            if (position == start) {
                first = i;
            }
            if (position >= start && position < end) {
                last = i;
            }
            position += ITEM_HEADER_BYTES + fragments.get(i).length();
        }
        if (first < 0 || last < first || (end != Long.MAX_VALUE && end > position)) {
            throw ImageDescriptor.corrupt("basic offset table entry " + frame + " does not start a fragment");
        }
        return concatenate(pixels, first, last + 1);
    }

    private static byte[] concatenate(EncapsulatedPixelData pixels, int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += pixels.fragments().get(i).length();
        }
        // The reader capped all fragments together at an int-sized pixel data length.
        byte[] out = new byte[Math.toIntExact(total)];
        int at = 0;
        for (int i = from; i < to; i++) {
            ByteBuffer fragment = pixels.fragment(i);
            int length = fragment.remaining();
            fragment.get(out, at, length);
            at += length;
        }
        return out;
    }
}
