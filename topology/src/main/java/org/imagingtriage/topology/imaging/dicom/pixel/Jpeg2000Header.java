package org.imagingtriage.topology.imaging.dicom.pixel;

import org.imagingtriage.topology.imaging.ImagingException;

/**
 * The SIZ marker segment of a JPEG 2000 codestream (ISO/IEC 15444-1 A.5.1), read in Java and
 * held against the DICOM header before any decoder sees the stream. Decoders size their tile
 * structures from SIZ as soon as they read the header, outside the pixel caps (OpenJPEG allocates
 * native memory for every declared tile: a 100-byte codestream declaring 65,535 one-pixel tiles
 * costs it over 600 MB), so the image size, component count, subsampling, precision and tile
 * count are checked here first.
 *
 * <p>SIZ must follow SOC directly: marker 0xFF51, Lsiz, Rsiz, then Xsiz, Ysiz, XOsiz, YOsiz,
 * XTsiz, YTsiz, XTOsiz, YTOsiz (32 bits each), Csiz, and Ssiz, XRsiz, YRsiz per component.
 */
final class Jpeg2000Header {

    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int COMPONENTS_AT = 40;
    /** Far above any real DICOM codestream (whole-slide images tile 512 or 1024 pixels; frames are smaller). */
    static final long MAX_TILES = 4096;

    private Jpeg2000Header() {
    }

    /** Refuses, as CORRUPT_IMAGE, a codestream whose SIZ does not describe {@code image}'s frame. */
    static void check(ImageDescriptor image, byte[] frame) throws ImagingException {
        if (frame.length < COMPONENTS_AT + 2 || u16(frame, 0) != SOC || u16(frame, 2) != SIZ) {
            throw corrupt("the frame does not open with a JPEG 2000 codestream's SOC and SIZ markers");
        }
        long width = u32(frame, 8) - u32(frame, 16);
        long height = u32(frame, 12) - u32(frame, 20);
        if (width != image.columns() || height != image.rows()) {
            throw corrupt("the compressed frame is " + width + "x" + height + " where Rows and Columns say "
                    + image.columns() + "x" + image.rows());
        }
        long tileWidth = u32(frame, 24);
        long tileHeight = u32(frame, 28);
        long tileX0 = u32(frame, 32);
        long tileY0 = u32(frame, 36);
        if (tileWidth < 1 || tileHeight < 1 || tileX0 > u32(frame, 16) || tileY0 > u32(frame, 20)) {
            throw corrupt("the codestream's tile grid is invalid");
        }
        long tiles = ceilDiv(u32(frame, 8) - tileX0, tileWidth) * ceilDiv(u32(frame, 12) - tileY0, tileHeight);
        if (tiles > MAX_TILES) {
            throw corrupt("the codestream declares " + tiles + " tiles; at most " + MAX_TILES + " are accepted");
        }
        int components = u16(frame, COMPONENTS_AT);
        if (components != image.samplesPerPixel()) {
            throw corrupt("the compressed frame has " + components + " components where "
                    + image.samplesPerPixel() + " are expected");
        }
        if (frame.length < COMPONENTS_AT + 2 + 3 * components) {
            throw corrupt("the codestream's SIZ marker is truncated");
        }
        for (int c = 0; c < components; c++) {
            int at = COMPONENTS_AT + 2 + 3 * c;
            int precision = (frame[at] & 0x7F) + 1;
            if (precision > image.bitsAllocated() || frame[at + 1] != 1 || frame[at + 2] != 1) {
                throw corrupt("JPEG 2000 component " + c + " is subsampled or has " + precision + " bits where "
                        + image.bitsAllocated() + " are allocated");
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    private static long u32(byte[] bytes, int at) {
        return (bytes[at] & 0xffL) << 24 | (bytes[at + 1] & 0xffL) << 16 | (bytes[at + 2] & 0xffL) << 8
                | bytes[at + 3] & 0xffL;
    }

    private static ImagingException corrupt(String detail) {
        return ImageDescriptor.corrupt(detail);
    }
}
