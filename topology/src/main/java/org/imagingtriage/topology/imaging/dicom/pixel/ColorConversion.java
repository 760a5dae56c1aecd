package org.imagingtriage.topology.imaging.dicom.pixel;

import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * YBR_FULL (and YBR_FULL_422 once upsampled) to RGB, PS3.3 C.7.6.3.1.2: full-range ITU-R BT.601
 * with Cb and Cr centred on half the range. The coefficients are the standard's, written as
 * derived from the luma weights, and results are rounded half up and clamped, as pydicom does,
 * so the two agree sample for sample.
 */
final class ColorConversion {

    private static final double CR_TO_R = 1.402;
    private static final double CB_TO_G = -0.114 * 1.772 / 0.587;
    private static final double CR_TO_G = -0.299 * 1.402 / 0.587;
    private static final double CB_TO_B = 1.772;

    private ColorConversion() {
    }

    /** Converts unsigned interleaved Y, Cb, Cr of {@code bits} bits to R, G, B in place. */
    static Samples ybrToRgb(Samples samples, int bits) {
        int max = (1 << bits) - 1;
        double half = 1 << (bits - 1);
        int length = samples.length();
        for (int i = 0; i + 2 < length; i += 3) {
            double y = samples.get(i);
            double cb = samples.get(i + 1) - half;
            double cr = samples.get(i + 2) - half;
            set(samples, i, clamp(y + CR_TO_R * cr, max));
            set(samples, i + 1, clamp(y + CB_TO_G * cb + CR_TO_G * cr, max));
            set(samples, i + 2, clamp(y + CB_TO_B * cb, max));
        }
        return samples;
    }

    private static int clamp(double value, int max) {
        return (int) Math.max(0, Math.min(max, Math.floor(value + 0.5)));
    }

    private static void set(Samples samples, int index, int value) {
        if (samples instanceof Samples.Bytes bytes) {
            bytes.data()[index] = (byte) value;
        } else {
            ((Samples.Shorts) samples).data()[index] = (short) value;
        }
    }
}
