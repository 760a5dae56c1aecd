package org.imagingtriage.topology.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Uncompressed pixel data: all frames' samples in one value, in the data set's byte order. */
public final class NativePixelData implements PixelData {

    private final int tag;
    private final VR vr;
    private final int elementOffset;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final ByteOrder byteOrder;

    NativePixelData(int tag, VR vr, int elementOffset, byte[] bytes, int offset, int length, ByteOrder byteOrder) {
        this.tag = tag;
        this.vr = vr;
        this.elementOffset = elementOffset;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.byteOrder = byteOrder;
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

    /** Where the samples start in the parsed bytes. */
    public int offset() {
        return offset;
    }

    /** Bytes of samples, all frames together. */
    public int length() {
        return length;
    }

    /** How OW, OF and OD words are ordered: the transfer syntax's. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** A read-only view of the samples, in {@link #byteOrder()}, positioned at 0. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer().order(byteOrder);
    }

    @Override
    public String toString() {
        return "NativePixelData[" + Tag.describe(tag) + " " + vr + ", " + length + " bytes at " + offset + "]";
    }
}
