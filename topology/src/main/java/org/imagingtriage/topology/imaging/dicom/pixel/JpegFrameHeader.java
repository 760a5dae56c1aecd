package org.imagingtriage.topology.imaging.dicom.pixel;

import org.imagingtriage.topology.imaging.ImagingException;

/**
 * The frame header (SOFn) of a JPEG stream in a DICOM frame: which coding process and
 * precision it uses decides the decoder, before any decoder sees the bytes.
 *
 * @param marker the SOF marker's second byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive,
 *     0xC3 lossless; others are hierarchical or arithmetic-coded
 */
record JpegFrameHeader(int marker, int precision, int components) {

    static final int SOF_BASELINE = 0xc0;
    static final int SOF_EXTENDED = 0xc1;
    static final int SOF_PROGRESSIVE = 0xc2;
    static final int SOF_LOSSLESS = 0xc3;

    private static final int SOS = 0xda;
    private static final int EOI = 0xd9;

    boolean isLossless() {
        return marker == SOF_LOSSLESS;
    }

    /** The first frame header, found by walking marker segments from SOI up to the first scan. */
    static JpegFrameHeader scan(byte[] jpeg) throws ImagingException {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            throw ImageDescriptor.corrupt("the frame is not a JPEG stream (no SOI marker)");
        }
        int position = 2;
        while (position + 4 <= jpeg.length) {
            if ((jpeg[position] & 0xff) != 0xff) {
                throw ImageDescriptor.corrupt("a JPEG marker was expected at byte " + position);
            }
            int marker = jpeg[position + 1] & 0xff;
            if (marker == 0xff) {
                position++; // fill byte
                continue;
            }
            if (marker == SOS || marker == EOI) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                position += 2; // standalone markers carry no length
                continue;
            }
            int length = (jpeg[position + 2] & 0xff) << 8 | jpeg[position + 3] & 0xff;
            if (length < 2) {
                throw ImageDescriptor.corrupt("a JPEG segment length below 2 at byte " + position);
            }
            if (isFrameMarker(marker)) {
                if (position + 10 > jpeg.length) {
                    break;
                }
                return new JpegFrameHeader(marker, jpeg[position + 4] & 0xff, jpeg[position + 9] & 0xff);
            }
            position += 2 + length;
        }
        throw ImageDescriptor.corrupt("the JPEG stream has no frame header (SOF) before its first scan");
    }

    private static boolean isFrameMarker(int marker) {
        // C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frame headers.
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }
}
