package org.imagingtriage.topology.imaging.dicom.pixel;

import java.nio.ByteBuffer;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * One frame of uncompressed pixel data as stored words, pixel-interleaved: bytes for 1- and
 * 8-bit samples (1-bit ones unpacked to 0 and 1), unsigned shorts for 16-bit, ints for 32-bit
 * ({@link #readWords}), not yet masked.
 *
 * <p>The frame's extent is computed in long arithmetic and checked against the pixel data's
 * length before the output is allocated, so a header claiming more frames or pixels than the
 * bytes hold is refused without allocating. Trailing bytes past the last frame (padding to even
 * length, or an encoder's excess) are ignored, as PS3.5 8.1.1 allows.
 */
final class NativeFrames {

    private NativeFrames() {
    }

    /** Bytes one frame occupies; for 1-bit data, the bits, rounded up to bytes, of one frame. */
    static long frameBytes(ImageDescriptor image) {
        long pixels = (long) image.rows() * image.columns();
        if (image.bitsAllocated() == 1) {
            return (pixels + 7) / 8;
        }
        long samples = image.photometric() == PhotometricInterpretation.YBR_FULL_422
                ? pixels * 2 : pixels * image.samplesPerPixel();
        return samples * (image.bitsAllocated() / 8);
    }

    /** Frame {@code frame} of {@code pixels} (the element's value, in the data set's byte order). */
    static Samples read(ImageDescriptor image, ByteBuffer pixels, int frame) throws ImagingException {
        long available = pixels.remaining();
        if (image.bitsAllocated() == 1) {
            return readBits(image, pixels, frame, available);
        }
        ByteBuffer data = frameStart(image, pixels, frame);
        if (image.photometric() == PhotometricInterpretation.YBR_FULL_422) {
            return readYbr422(image, data);
        }
        int pixelCount = image.rows() * image.columns();
        int samplesPerPixel = image.samplesPerPixel();
        // Planar configuration 1 stores all of one sample's plane before the next (R...G...B...).
        int planeStride = image.planar() ? 1 : samplesPerPixel;
        int sampleStride = image.planar() ? pixelCount : 1;
        if (image.bitsAllocated() == 8) {
            byte[] out = new byte[pixelCount * samplesPerPixel];
            int base = data.position();
            for (int s = 0; s < samplesPerPixel; s++) {
                for (int p = 0; p < pixelCount; p++) {
                    out[p * samplesPerPixel + s] = data.get(base + p * planeStride + s * sampleStride);
                }
            }
            return new Samples.Bytes(out);
        }
        short[] out = new short[pixelCount * samplesPerPixel];
        int base = data.position();
        for (int s = 0; s < samplesPerPixel; s++) {
            for (int p = 0; p < pixelCount; p++) {
                out[p * samplesPerPixel + s] = data.getShort(base + 2 * (p * planeStride + s * sampleStride));
            }
        }
        return new Samples.Shorts(out, false);
    }

    /**
     * Frame {@code frame} of 32-bit pixel data as its stored words, pixel-interleaved (the
     * descriptor admits 32 bits for greyscale and RGB only, so there is no YBR_FULL_422 here).
     */
    static int[] readWords(ImageDescriptor image, ByteBuffer pixels, int frame) throws ImagingException {
        ByteBuffer data = frameStart(image, pixels, frame);
        int pixelCount = image.rows() * image.columns();
        int samplesPerPixel = image.samplesPerPixel();
        int planeStride = image.planar() ? 1 : samplesPerPixel;
        int sampleStride = image.planar() ? pixelCount : 1;
        int[] out = new int[pixelCount * samplesPerPixel];
        int base = data.position();
        for (int s = 0; s < samplesPerPixel; s++) {
            for (int p = 0; p < pixelCount; p++) {
                out[p * samplesPerPixel + s] = data.getInt(base + 4 * (p * planeStride + s * sampleStride));
            }
        }
        return out;
    }

    /** A view of {@code pixels} positioned at the frame's first byte, after checking it is all there. */
    private static ByteBuffer frameStart(ImageDescriptor image, ByteBuffer pixels, int frame)
            throws ImagingException {
        long available = pixels.remaining();
        long frameBytes = frameBytes(image);
        long start = frame * frameBytes;
        if (start + frameBytes > available) {
            throw ImageDescriptor.corrupt("the pixel data holds " + available + " bytes; frame " + frame
                    + " of " + frameBytes + " bytes would end at " + (start + frameBytes));
        }
        ByteBuffer data = pixels.duplicate().order(pixels.order());
        data.position(data.position() + (int) start);
        return data;
    }

    /**
     * 1-bit data: frames follow each other bit by bit, not byte by byte, and bit 0 of each byte is
     * the first pixel (PS3.5 8.1.1). Bytes are taken in stored order, as pydicom and dcmtk do.
     */
    private static Samples readBits(ImageDescriptor image, ByteBuffer pixels, int frame, long available)
            throws ImagingException {
        long pixelCount = (long) image.rows() * image.columns();
        long firstBit = frame * pixelCount;
        long endBit = firstBit + pixelCount;
        if ((endBit + 7) / 8 > available) {
            throw ImageDescriptor.corrupt("the pixel data holds " + available + " bytes; 1-bit frame " + frame
                    + " would need " + (endBit + 7) / 8);
        }
        byte[] out = new byte[(int) pixelCount];
        int base = pixels.position();
        for (int p = 0; p < out.length; p++) {
            long bit = firstBit + p;
            out[p] = (byte) ((pixels.get(base + (int) (bit >>> 3)) >>> (int) (bit & 7)) & 1);
        }
        return new Samples.Bytes(out);
    }

    /** YBR_FULL_422 as stored: Y1 Y2 Cb Cr for each pair of pixels in a row; Cb and Cr are shared. */
    private static Samples readYbr422(ImageDescriptor image, ByteBuffer data) throws ImagingException {
        if (image.columns() % 2 != 0 || image.planar()) {
            throw ImageDescriptor.corrupt("native YBR_FULL_422 needs an even number of columns and "
                    + "planar configuration 0");
        }
        int pixelCount = image.rows() * image.columns();
        int base = data.position();
        boolean words = image.bitsAllocated() == 16;
        short[] wide = words ? new short[pixelCount * 3] : null;
        byte[] narrow = words ? null : new byte[pixelCount * 3];
        // Y1 Y2 Cb Cr becomes Y1 Cb Cr, Y2 Cb Cr.
        int[] order = {0, 2, 3, 1, 2, 3};
        for (int pair = 0; pair < pixelCount / 2; pair++) {
            int in = pair * 4;
            int out = pair * 6;
            for (int k = 0; k < 6; k++) {
                if (words) {
                    wide[out + k] = data.getShort(base + 2 * (in + order[k]));
                } else {
                    narrow[out + k] = data.get(base + in + order[k]);
                }
            }
        }
        return words ? new Samples.Shorts(wide, false) : new Samples.Bytes(narrow);
    }
}
