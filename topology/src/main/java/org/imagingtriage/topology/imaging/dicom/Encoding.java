package org.imagingtriage.topology.imaging.dicom;

import java.nio.ByteOrder;

/**
 * How element headers are written in one data set: explicit or implicit VR, and byte order
 * (PS3.5 7.1). Usually the transfer syntax's; the items of a UN sequence of undefined length
 * are always implicit VR little endian (PS3.5 6.2.2), whatever the syntax.
 */
record Encoding(boolean explicitVr, boolean bigEndian) {

    static final Encoding IMPLICIT_LITTLE_ENDIAN = new Encoding(false, false);
    static final Encoding EXPLICIT_LITTLE_ENDIAN = new Encoding(true, false);

    /** Value length meaning "until a delimiter" (PS3.5 7.1.1). */
    static final long UNDEFINED_LENGTH = 0xFFFF_FFFFL;
    private static final int ITEM_GROUP = 0xFFFE;

    static Encoding of(TransferSyntax syntax) {
        return new Encoding(syntax.isExplicitVr(), syntax.isBigEndian());
    }

    ByteOrder byteOrder() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Reads one element header at the input's position. Items and delimiters (group FFFE) have
     * no VR in either encoding: their header is a tag and a 4-byte length, and their VR is null.
     */
    ElementHeader readHeader(DicomInput in, int limit) throws DicomParseException {
        int at = in.position();
        in.require(8, limit, "an element header");
        int tag = in.readTag(bigEndian);
        if (Tag.group(tag) == ITEM_GROUP || !explicitVr) {
            long length = in.readUnsignedInt(bigEndian);
            VR vr = Tag.group(tag) == ITEM_GROUP ? null : ElementDictionary.implicitVr(tag);
            return new ElementHeader(tag, vr, length, at, in.position());
        }
        VR vr = VR.ofBytes(in.peek(at + 4), in.peek(at + 5));
        if (vr == null) {
            throw in.fail(DicomReason.INVALID_VR, "the VR bytes of " + Tag.describe(tag) + " are not a VR", at + 4);
        }
        in.position(at + 6);
        if (!vr.hasLongLength()) {
            return new ElementHeader(tag, vr, in.readUnsignedShort(bigEndian), at, in.position());
        }
        in.require(6, limit, "the long-form header of " + Tag.describe(tag));
        in.position(at + 8); // two reserved bytes before a 4-byte length
        long length = in.readUnsignedInt(bigEndian);
        return new ElementHeader(tag, vr, length, at, in.position());
    }

    /** Reads an item or delimiter header where nothing else may stand: a tag and a 4-byte length. */
    ElementHeader readItemHeader(DicomInput in, int limit, String what) throws DicomParseException {
        int at = in.position();
        in.require(8, limit, what);
        int tag = in.readTag(bigEndian);
        long length = in.readUnsignedInt(bigEndian);
        return new ElementHeader(tag, null, length, at, in.position());
    }

    /**
     * Whether the 8 or 12 bytes at {@code at} read as a plausible element header in this
     * encoding: a VR where explicit VR puts one (none where implicit VR puts the length), and a
     * length that fits in the data. Used once, on a data set's first element, to catch files
     * whose encoding contradicts their transfer syntax.
     */
    boolean plausibleAt(DicomInput in, int at) {
        if (in.end() - at < 8) {
            return false;
        }
        VR vr = VR.ofBytes(in.peek(at + 4), in.peek(at + 5));
        if (explicitVr != (vr != null)) {
            return false;
        }
        long length;
        int valueAt;
        if (!explicitVr) {
            length = unsignedInt(in, at + 4);
            valueAt = at + 8;
        } else if (!vr.hasLongLength()) {
            length = bigEndian ? in.peek(at + 6) << 8 | in.peek(at + 7) : in.peek(at + 7) << 8 | in.peek(at + 6);
            valueAt = at + 8;
        } else {
            if (in.end() - at < 12) {
                return false;
            }
            length = unsignedInt(in, at + 8);
            valueAt = at + 12;
        }
        return length == UNDEFINED_LENGTH || length <= in.end() - valueAt;
    }

    private long unsignedInt(DicomInput in, int at) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int octet = in.peek(bigEndian ? at + i : at + 3 - i);
            value = value << 8 | octet;
        }
        return value;
    }
}
