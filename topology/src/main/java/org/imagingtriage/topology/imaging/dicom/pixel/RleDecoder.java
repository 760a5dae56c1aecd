package org.imagingtriage.topology.imaging.dicom.pixel;

import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * RLE Lossless frames (PS3.5 Annex G): a 64-byte header of sixteen little-endian uint32 (the
 * segment count, then up to fifteen segment offsets from the frame's start), then one PackBits
 * segment per byte plane: for each sample, its most significant byte first. 8-, 16- and 32-bit
 * samples.
 *
 * <p>The output is sized from the image's rows and columns, which the caller has checked against
 * the caps, never from the stream; runs that would write past a plane are clipped, and a segment
 * that ends before its plane is full is corrupt. Every malformed frame is an ImagingException.
 */
final class RleDecoder {

    private static final int HEADER_BYTES = 64;
    private static final int MAX_SEGMENTS = 15;

    private RleDecoder() {
    }

    /** The frame's stored words, pixel-interleaved: bytes for 8-bit samples, shorts for 16-bit. */
    static Samples decode(ImageDescriptor image, byte[] frame) throws ImagingException {
        if (image.bitsAllocated() != 8 && image.bitsAllocated() != 16) {
            throw corrupt("RLE samples here must have 8 or 16 bits allocated; 32 go through decodeWords");
        }
        int bytesPerSample = image.bitsAllocated() / 8;
        int samplesPerPixel = image.samplesPerPixel();
        long[] offsets = segmentOffsets(image, frame);
        int pixels = image.rows() * image.columns();
        byte[] plane = new byte[pixels];
        // Written straight into the output width: no wider buffer for the common 8- and 16-bit data.
        byte[] narrow = bytesPerSample == 1 ? new byte[pixels * samplesPerPixel] : null;
        short[] wide = bytesPerSample == 2 ? new short[pixels * samplesPerPixel] : null;
        for (int segment = 0; segment < offsets.length - 1; segment++) {
            unpack(frame, (int) offsets[segment], (int) offsets[segment + 1], plane, segment);
            int sample = segment / bytesPerSample;
            boolean high = bytesPerSample == 2 && segment % 2 == 0;
            for (int p = 0; p < pixels; p++) {
                int at = p * samplesPerPixel + sample;
                if (narrow != null) {
                    narrow[at] = plane[p];
                } else if (high) {
                    wide[at] = (short) ((plane[p] & 0xff) << 8);
                } else {
                    wide[at] = (short) (wide[at] | (plane[p] & 0xff));
                }
            }
        }
        return narrow != null ? new Samples.Bytes(narrow) : new Samples.Shorts(wide, false);
    }

    /** The frame's 32-bit stored words, pixel-interleaved: each byte plane shifted into place, most significant first. */
    static int[] decodeWords(ImageDescriptor image, byte[] frame) throws ImagingException {
        if (image.bitsAllocated() != 32) {
            throw corrupt("RLE words are read here for 32-bit samples only");
        }
        int samplesPerPixel = image.samplesPerPixel();
        long[] offsets = segmentOffsets(image, frame);
        int pixels = image.rows() * image.columns();
        byte[] plane = new byte[pixels];
        int[] words = new int[pixels * samplesPerPixel];
        for (int segment = 0; segment < offsets.length - 1; segment++) {
            unpack(frame, (int) offsets[segment], (int) offsets[segment + 1], plane, segment);
            int sample = segment / 4;
            int shift = 8 * (3 - segment % 4);
            for (int p = 0; p < pixels; p++) {
                words[p * samplesPerPixel + sample] |= (plane[p] & 0xff) << shift;
            }
        }
        return words;
    }

    /** The header's segment offsets, checked, then the frame's end: one more entry than segments. */
    private static long[] segmentOffsets(ImageDescriptor image, byte[] frame) throws ImagingException {
        int samplesPerPixel = image.samplesPerPixel();
        int expectedSegments = samplesPerPixel * image.bitsAllocated() / 8;
        if (frame.length < HEADER_BYTES) {
            throw corrupt("the frame has " + frame.length + " bytes, fewer than the 64-byte RLE header");
        }
        long segments = uint32(frame, 0);
        if (segments != expectedSegments || expectedSegments > MAX_SEGMENTS) {
            throw corrupt("the RLE header declares " + segments + " segments; " + expectedSegments
                    + " are expected for " + samplesPerPixel + " samples of " + image.bitsAllocated() + " bits");
        }
        long[] offsets = new long[expectedSegments + 1];
        for (int i = 0; i < expectedSegments; i++) {
            offsets[i] = uint32(frame, 4 + 4 * i);
            boolean misplaced = i == 0 ? offsets[0] != HEADER_BYTES : offsets[i] <= offsets[i - 1];
            if (misplaced || offsets[i] >= frame.length) {
                throw corrupt("RLE segment " + i + " starts at " + offsets[i] + ", outside the frame's "
                        + frame.length + " bytes or before the previous segment");
            }
        }
        offsets[expectedSegments] = frame.length;
        return offsets;
    }

    /**
     * PackBits (G.3.1): a header byte n; 0..127 copies the next n + 1 bytes, -1..-127 repeats the
     * next byte 1 - n times, -128 does nothing. Bytes after the plane is full are padding.
     */
    static void unpack(byte[] in, int from, int to, byte[] plane, int segment) throws ImagingException {
        int read = from;
        int written = 0;
        while (written < plane.length) {
            if (read >= to) {
                throw corrupt("RLE segment " + segment + " ends after " + written + " of " + plane.length + " bytes");
            }
            int n = in[read++];
            if (n >= 0) {
                int count = n + 1;
                if (read + count > to) {
                    throw corrupt("an RLE literal run in segment " + segment + " passes the segment's end");
                }
                int copied = Math.min(count, plane.length - written);
                System.arraycopy(in, read, plane, written, copied);
                read += count;
                written += copied;
            } else if (n != -128) {
                if (read >= to) {
                    throw corrupt("an RLE replicate run in segment " + segment + " passes the segment's end");
                }
                byte value = in[read++];
                int count = Math.min(1 - n, plane.length - written);
                for (int i = 0; i < count; i++) {
                    plane[written++] = value;
                }
            }
        }
    }

    private static long uint32(byte[] bytes, int at) {
        return (bytes[at] & 0xffL) | (bytes[at + 1] & 0xffL) << 8 | (bytes[at + 2] & 0xffL) << 16
                | (bytes[at + 3] & 0xffL) << 24;
    }

    private static ImagingException corrupt(String detail) {
        return ImageDescriptor.corrupt(detail);
    }
}
