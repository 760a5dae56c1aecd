package org.imagingtriage.topology.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Compressed pixel data (PS3.5 A.4): a basic offset table, possibly empty, then fragments up to
 * the sequence delimiter. Which fragments make which frame is the decoder's question: the table
 * when present, else one fragment per frame or all fragments for a single frame.
 */
public final class EncapsulatedPixelData implements PixelData {

    private final int tag;
    private final VR vr;
    private final int elementOffset;
    private final byte[] bytes;
    private final long[] basicOffsetTable;
    private final List<Fragment> fragments;

    EncapsulatedPixelData(int tag, VR vr, int elementOffset, byte[] bytes, long[] basicOffsetTable,
            List<Fragment> fragments) {
        this.tag = tag;
        this.vr = vr;
        this.elementOffset = elementOffset;
        this.bytes = bytes;
        this.basicOffsetTable = basicOffsetTable.clone();
        this.fragments = List.copyOf(fragments);
    }

    @Override
    public int tag() {
        return tag;
    }

    @Override
    public VR vr() {
        return vr;
    }

    @Override
    public int elementOffset() {
        return elementOffset;
    }

    /**
     * Each frame's first byte, counted from the first fragment's item header; empty when the
     * encoder left the table empty (allowed, and usual for single frames).
     */
    public long[] basicOffsetTable() {
        return basicOffsetTable.clone();
    }

    public List<Fragment> fragments() {
        return fragments;
    }

    /** A read-only view of fragment {@code index}'s bytes. */
    public ByteBuffer fragment(int index) {
        Fragment fragment = fragments.get(index);
        return ByteBuffer.wrap(bytes, fragment.offset(), fragment.length()).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes of all fragments together, item headers excluded. */
    public long fragmentBytes() {
        long total = 0;
        for (Fragment fragment : fragments) {
            total += fragment.length();
        }
        return total;
    }

    @Override
    public String toString() {
        return "EncapsulatedPixelData[" + Tag.describe(tag) + " " + vr + ", " + basicOffsetTable.length
                + " offset table entries, " + fragments.size() + " fragments]";
    }
}
