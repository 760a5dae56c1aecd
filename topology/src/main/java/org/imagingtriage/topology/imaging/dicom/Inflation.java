package org.imagingtriage.topology.imaging.dicom;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the data set of a deflated transfer syntax (PS3.5 A.5: raw deflate, RFC 1951, no
 * zlib header) into a new array, the one allocation the reader makes in proportion to its input.
 * The array grows by doubling up to one byte past the cap, so a deflate bomb costs at most about
 * twice {@link DicomLimits#maxInflatedBytes()} before it is refused.
 */
final class Inflation {

    private static final int MIN_BUFFER = 64 * 1024;
    /** Deflated headers are mostly text; images usually shrink less than this. */
    private static final int EXPECTED_RATIO = 4;

    private Inflation() {
    }

    static DicomInput inflate(byte[] file, int start, int maxInflatedBytes) throws DicomParseException {
        DicomInput compressed = new DicomInput(file, start, file.length, false);
        long bound = maxInflatedBytes + 1L; // one byte past the cap tells "exactly the cap" from "more"
        long expected = Math.max(MIN_BUFFER, (long) (file.length - start) * EXPECTED_RATIO);
        byte[] out = new byte[(int) Math.min(bound, expected)];
        int size = 0;
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(file, start, file.length - start);
            while (!inflater.finished()) {
                if (size == out.length) {
                    if (out.length == bound) {
                        throw tooLarge(compressed, maxInflatedBytes, start);
                    }
                    out = Arrays.copyOf(out, (int) Math.min(bound, 2L * out.length));
                }
                int inflated = inflater.inflate(out, size, out.length - size);
                size += inflated;
                if (inflated == 0 && inflater.needsInput()) {
                    throw compressed.fail(DicomReason.TRUNCATED, "the deflated data set ends inside its deflate stream",
                            file.length);
                }
                if (inflated == 0 && inflater.needsDictionary()) {
                    throw compressed.fail(DicomReason.INFLATE_FAILED, "the deflate stream asks for a preset dictionary",
                            start);
                }
            }
            if (size > maxInflatedBytes) {
                throw tooLarge(compressed, maxInflatedBytes, start);
            }
            return new DicomInput(out, 0, size, true);
        } catch (DataFormatException e) {
            // The JDK's message describes the stream, but no cause is chained (see DicomParseException).
            throw compressed.fail(DicomReason.INFLATE_FAILED, "the deflated data set is not a raw deflate stream",
                    start);
        } finally {
            inflater.end();
        }
    }

    private static DicomParseException tooLarge(DicomInput compressed, int maxInflatedBytes, int start) {
        return compressed.fail(DicomReason.INFLATED_TOO_LARGE, "the deflated data set inflates to more than "
                + maxInflatedBytes + " bytes", start);
    }
}
