package org.imagingtriage.topology.imaging.decode;

/**
 * Decoded sample values, pixel-interleaved (R, G, B, R, ... or one sample per pixel), rows top to
 * bottom. Two widths keep memory proportional to the data: 8-bit images in bytes, deeper ones
 * (16-bit PNG now, 10- to 16-bit DICOM later) in shorts.
 *
 * <p>The arrays are owned by the image: decoders hand them over and nothing writes to them
 * afterwards.
 */
public sealed interface Samples permits Samples.Bytes, Samples.Shorts {

    int length();

    /** The sample at {@code index}, unsigned, or signed for signed 16-bit data. */
    int get(int index);

    /** Unsigned samples of up to 8 bits. */
    record Bytes(byte[] data) implements Samples {

        @Override
        public int length() {
            return data.length;
        }

        @Override
        public int get(int index) {
            return data[index] & 0xff;
        }
    }

    /**
     * Samples of up to 16 bits; {@code signed} for two's complement data (DICOM Pixel
     * Representation 1), already sign-extended to 16 bits by the decoder.
     */
    record Shorts(short[] data, boolean signed) implements Samples {

        @Override
        public int length() {
            return data.length;
        }

        @Override
        public int get(int index) {
            return signed ? data[index] : data[index] & 0xffff;
        }
    }
}
