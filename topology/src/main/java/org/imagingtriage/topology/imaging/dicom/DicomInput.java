package org.imagingtriage.topology.imaging.dicom;

/**
 * A cursor over the bytes being parsed: the file itself, or the inflated data set of a deflated
 * file. Reads never go past {@link #end()}; callers check lengths first, so an untrusted length
 * can only ever produce an exception, never an allocation or an index out of bounds.
 */
final class DicomInput {

    private final byte[] bytes;
    private final int end;
    private final boolean inflated;
    private int position;

    DicomInput(byte[] bytes, int start, int end, boolean inflated) {
        if (start < 0 || start > end || end > bytes.length) {
            throw new IllegalArgumentException("bad range " + start + ".." + end + " of " + bytes.length);
        }
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        this.inflated = inflated;
    }

    byte[] bytes() {
        return bytes;
    }

    int end() {
        return end;
    }

    int position() {
        return position;
    }

    void position(int newPosition) {
        if (newPosition < 0 || newPosition > end) {
            throw new IllegalArgumentException("position " + newPosition + " outside 0.." + end);
        }
        position = newPosition;
    }

    int remaining() {
        return end - position;
    }

    /** The byte at {@code at}, unsigned, without moving. */
    int peek(int at) {
        return bytes[at] & 0xFF;
    }

    int readUnsignedShort(boolean bigEndian) {
        int first = bytes[position] & 0xFF;
        int second = bytes[position + 1] & 0xFF;
        position += 2;
        return bigEndian ? first << 8 | second : second << 8 | first;
    }

    long readUnsignedInt(boolean bigEndian) {
        long first = readUnsignedShort(bigEndian);
        long second = readUnsignedShort(bigEndian);
        return bigEndian ? first << 16 | second : second << 16 | first;
    }

    /** A tag is its group then its element, each a 16-bit number in the syntax's byte order. */
    int readTag(boolean bigEndian) {
        int group = readUnsignedShort(bigEndian);
        return group << 16 | readUnsignedShort(bigEndian);
    }

    /**
     * Refuses unless {@code count} bytes remain before {@code limit} (the end of the enclosing
     * item or sequence of defined length, or of the data): past the data it is truncation,
     * past an enclosing item a length that lies.
     */
    void require(int count, int limit, String what) throws DicomParseException {
        if (limit - position < count) {
            throw overrun(limit, what + " needs " + count + " bytes but " + (limit - position) + " remain", position);
        }
    }

    /** Refuses a value of {@code length} bytes at the position unless it ends by {@code limit}. */
    void requireValue(long length, int limit, String what) throws DicomParseException {
        if (length > limit - position) {
            throw overrun(limit, what + " claims " + length + " bytes but " + (limit - position) + " remain", position);
        }
    }

    /** Truncation when {@code limit} is the end of the data, else a length crossing its container. */
    DicomParseException overrun(int limit, String detail, int at) {
        return limit == end
                ? fail(DicomReason.TRUNCATED, detail + " before the end of the data", at)
                : fail(DicomReason.LENGTH_EXCEEDS_CONTAINER, detail + " before the end of the enclosing item", at);
    }

    DicomParseException fail(DicomReason reason, String detail, int at) {
        return new DicomParseException(reason, inflated ? detail + " in the inflated data set" : detail, at);
    }
}
