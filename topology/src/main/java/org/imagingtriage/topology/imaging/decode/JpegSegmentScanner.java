package org.imagingtriage.topology.imaging.decode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Walks a JPEG's marker segments, including those between and after scans, up to EOI. It
 * reports the frame header (coding process, precision, component count) so unsupported variants
 * are refused by name before decoding, and the kinds of metadata segments present (COM, EXIF,
 * XMP, IPTC, ...) for the de-identification gate. A file without EOI is truncated: ImageIO would
 * only warn and return a partly grey image.
 */
final class JpegSegmentScanner {

    /** What the scan found: the first frame header and the metadata segment kinds. */
    record JpegLayout(int frameMarker, int precision, int components, Set<String> metadataKeys) {
    }

    private static final int SOS = 0xda;
    private static final int EOI = 0xd9;
    private static final int COM = 0xfe;

    private JpegSegmentScanner() {
    }

    static JpegLayout scan(byte[] jpeg) throws ImagingException {
        Set<String> keys = new LinkedHashSet<>();
        int frameMarker = -1;
        int precision = 0;
        int components = 0;
        int position = 2;
        while (true) {
            if (position >= jpeg.length || (jpeg[position] & 0xff) != 0xff) {
                throw corrupt(position >= jpeg.length ? "truncated: the file ends before its EOI marker"
                        : "a marker was expected and not found");
            }
            while (position < jpeg.length && (jpeg[position] & 0xff) == 0xff) {
                position++;
            }
            if (position >= jpeg.length) {
                throw corrupt("truncated: the file ends before its EOI marker");
            }
            int marker = jpeg[position++] & 0xff;
            if (marker == EOI) {
                if (frameMarker < 0) {
                    throw corrupt("no frame header before EOI");
                }
                return new JpegLayout(frameMarker, precision, components, keys);
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue;
            }
            if (marker == 0x00 || marker == 0xd8) {
                throw corrupt("an invalid marker in the segment sequence");
            }
            if (jpeg.length - position < 2) {
                throw corrupt("truncated: a segment length runs past the end of the file");
            }
            int segmentLength = ((jpeg[position] & 0xff) << 8) | (jpeg[position + 1] & 0xff);
            if (segmentLength < 2 || segmentLength > jpeg.length - position) {
                throw corrupt("truncated: a segment runs past the end of the file");
            }
            int dataAt = position + 2;
            int dataLength = segmentLength - 2;
            if (isFrameHeader(marker) && frameMarker < 0) {
                if (dataLength < 6) {
                    throw corrupt("a frame header is too short");
                }
                frameMarker = marker;
                precision = jpeg[dataAt] & 0xff;
                components = jpeg[dataAt + 5] & 0xff;
            } else if (marker == COM) {
                keys.add("COM");
            } else if (marker >= 0xe0 && marker <= 0xef) {
                keys.add(applicationSegmentKind(marker - 0xe0, jpeg, dataAt, dataLength));
            }
            position += segmentLength;
            if (marker == SOS) {
                position = endOfEntropyCodedData(jpeg, position);
            }
        }
    }

    /** SOF0-3, 5-7, 9-11, 13-15; 0xC4 (DHT), 0xC8 (JPG) and 0xCC (DAC) share the range but are not frames. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    /**
     * The index of the next marker after a scan's entropy-coded data: 0xFF followed by a byte
     * that is not stuffing (0x00), a restart marker (0xD0-0xD7) or another fill 0xFF.
     */
    private static int endOfEntropyCodedData(byte[] jpeg, int from) {
        int i = from;
        while (i + 1 < jpeg.length) {
            if ((jpeg[i] & 0xff) == 0xff) {
                int next = jpeg[i + 1] & 0xff;
                if (next == 0xff) {
                    i++;
                    continue;
                }
                if (next != 0x00 && (next < 0xd0 || next > 0xd7)) {
                    return i;
                }
                i += 2;
                continue;
            }
            i++;
        }
        return jpeg.length;
    }

    private static String applicationSegmentKind(int n, byte[] jpeg, int at, int length) {
        if (n == 0 && startsWith(jpeg, at, length, "JFIF\0")) {
            return "JFIF";
        }
        if (n == 0 && startsWith(jpeg, at, length, "JFXX\0")) {
            return "JFXX";
        }
        if (n == 1 && startsWith(jpeg, at, length, "Exif\0")) {
            return "EXIF";
        }
        if (n == 1 && (startsWith(jpeg, at, length, "http://ns.adobe.com/xap/1.0/\0")
                || startsWith(jpeg, at, length, "http://ns.adobe.com/xmp/extension/\0"))) {
            return "XMP";
        }
        if (n == 2 && startsWith(jpeg, at, length, "ICC_PROFILE\0")) {
            return "ICC_PROFILE";
        }
        if (n == 13 && startsWith(jpeg, at, length, "Photoshop 3.0\0")) {
            return "IPTC";
        }
        if (n == 14 && startsWith(jpeg, at, length, "Adobe")) {
            return "ADOBE";
        }
        return "APP" + n;
    }

    private static boolean startsWith(byte[] jpeg, int at, int length, String identifier) {
        byte[] id = identifier.getBytes(StandardCharsets.US_ASCII);
        if (length < id.length) {
            return false;
        }
        for (int i = 0; i < id.length; i++) {
            if (jpeg[at + i] != id[i]) {
                return false;
            }
        }
        return true;
    }

    private static ImagingException corrupt(String detail) {
        return new ImagingException(ImagingReason.CORRUPT_IMAGE, "JPEG " + detail);
    }
}
