package org.imagingtriage.topology.imaging.preprocess;

import java.util.function.IntToDoubleFunction;

/**
 * A precomputed map from every stored value in a {@link StoredRange} to its 8-bit display value,
 * so rendering costs one array read per sample. Built once per image: at most 65,536 evaluations
 * of the transforms, against millions of samples.
 */
final class DisplayLut {

    private DisplayLut() {
    }

    /**
     * Entry {@code v - range.min()} is {@code display(v)} rounded half up and clamped to [0, 255],
     * then inverted ({@code 255 - value}) when {@code invert}: MONOCHROME1 is inverted after VOI,
     * on the output scale, as the Presentation LUT Shape INVERSE does (PS3.3 C.11.6).
     */
    static byte[] build(StoredRange range, IntToDoubleFunction display, boolean invert) {
        byte[] table = new byte[range.size()];
        for (int i = 0; i < table.length; i++) {
            int value = toByte(display.applyAsDouble(range.min() + i));
            table[i] = (byte) (invert ? 255 - value : value);
        }
        return table;
    }

    /** Greyscale: modality LUT, then VOI. */
    static byte[] grey(StoredRange range, ModalityTransform modality, VoiTransform voi, boolean invert) {
        return build(range, stored -> voi.apply(modality.apply(stored)), invert);
    }

    static int toByte(double value) {
        // NaN (impossible from finite inputs, but cheap to rule out) renders black.
        if (!(value > 0)) {
            return 0;
        }
        return (int) Math.min(255, Math.floor(value + 0.5));
    }
}
