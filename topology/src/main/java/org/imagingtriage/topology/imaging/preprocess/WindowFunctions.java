package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiFunction;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiWindow;

/**
 * The three window functions of PS3.3 C.11.2.1.2 and C.11.2.1.3, with an output range of
 * [0, 255] (ymin 0, ymax 255). Center {@code c} and width {@code w} are in modality units.
 */
final class WindowFunctions {

    private static final double MAX = 255.0;

    private WindowFunctions() {
    }

    static VoiTransform of(VoiWindow window, VoiFunction function) {
        return switch (function) {
            case LINEAR -> linear(window.center(), window.width());
            case LINEAR_EXACT -> linearExact(window.center(), window.width());
            case SIGMOID -> sigmoid(window.center(), window.width());
        };
    }

    /**
     * C.11.2.1.2.1: {@code x <= c - 0.5 - (w-1)/2} is 0, {@code x > c - 0.5 + (w-1)/2} is 255,
     * else {@code ((x - (c - 0.5)) / (w-1) + 0.5) * 255}. The half-pixel shift is the standard's,
     * made for integer input: a window of width w spans exactly w integer values. With w = 1 the
     * ramp is empty, so the function is a threshold and never divides by zero.
     */
    static VoiTransform linear(double c, double w) {
        double lower = c - 0.5 - (w - 1) / 2;
        double upper = c - 0.5 + (w - 1) / 2;
        double shiftedCenter = c - 0.5;
        double span = w - 1;
        return x -> {
            if (x <= lower) {
                return 0.0;
            }
            if (x > upper) {
                return MAX;
            }
            return ((x - shiftedCenter) / span + 0.5) * MAX;
        };
    }

    /**
     * C.11.2.1.3.2: {@code x <= c - w/2} is 0, {@code x > c + w/2} is 255, else
     * {@code ((x - c) / w + 0.5) * 255}: the window's bounds are exactly {@code c -+ w/2}, which
     * suits real-valued input and is how {@link CtWindows} states its HU ranges.
     */
    static VoiTransform linearExact(double c, double w) {
        double lower = c - w / 2;
        double upper = c + w / 2;
        return x -> {
            if (x <= lower) {
                return 0.0;
            }
            if (x > upper) {
                return MAX;
            }
            return ((x - c) / w + 0.5) * MAX;
        };
    }

    /** C.11.2.1.3.1: {@code 255 / (1 + exp(-4 (x - c) / w))}; never reaches 0 or 255 exactly. */
    static VoiTransform sigmoid(double c, double w) {
        return x -> MAX / (1.0 + Math.exp(-4.0 * (x - c) / w));
    }

    /**
     * The fallback when a file names neither window nor VOI LUT: the smallest modality value in
     * the image to 0, the largest to 255, linearly. A flat image ({@code min == max}) is all 0:
     * there is nothing to show, and black matches the letterbox padding.
     */
    static VoiTransform minMax(double min, double max) {
        if (!(max > min)) {
            return x -> 0.0;
        }
        double range = max - min;
        // Multiply before dividing: a precomputed 255 / range is inexact and would round an exact
        // half down; this runs once per table entry, not per sample.
        return x -> Math.min(MAX, Math.max(0.0, (x - min) * MAX / range));
    }
}
