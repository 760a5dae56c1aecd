package org.imagingtriage.topology.imaging.preprocess;

/**
 * The filter taps for resampling one axis from {@code sourceLength} to {@code targetLength}
 * samples: for each target index, the first source index and the normalised weights of
 * {@link #taps()} consecutive source samples, as fixed-point integers ({@link #PRECISION_BITS}
 * fractional bits). Every target has the same number of taps, padded with zero weights, so the
 * resampler's inner loops have a fixed trip count (two, when enlarging) instead of a data-dependent
 * one.
 *
 * <p>The filter is a triangle (the bilinear kernel) whose radius is one source pixel when
 * enlarging and {@code sourceLength / targetLength} source pixels when shrinking. Enlarging, it is
 * exactly bilinear interpolation. Shrinking, plain bilinear would still read only the two nearest
 * source pixels per axis and skip everything between, so fine detail (grid lines, noise, a
 * checkerboard) aliases into false patterns; widening the triangle with the shrink factor makes
 * every source pixel contribute, low-passing the image before it is sampled. A box filter (area
 * averaging) would also anti-alias but leaves more aliasing at non-integer factors; Lanczos is
 * sharper but rings around edges such as implant borders.
 *
 * <p>It is the filter of Pillow's {@code BILINEAR} resize, which MedGemma's own image processor
 * uses, and the weights are Pillow's to the bit: the same double expressions in the same order
 * (Java's doubles are IEEE, as x86-64 C's are), then rounded to 22 fractional bits as Pillow's
 * 8-bit path does. So what the model sees is what its processor would have made of the same
 * rendered image; {@code LetterboxPillowAgreementTest} checks it against the installed Pillow.
 */
final class ResampleWeights {

    /** Pillow's: 8 bits of result, 2 of headroom, the rest fraction, in a 32-bit int. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    /** Added before the final shift, so that it rounds half up. */
    static final int HALF = 1 << (PRECISION_BITS - 1);

    /**
     * The largest sum of one target's weights for which {@code HALF + 255 * sum} still shifts down
     * to at most 255. Weights are never negative and each is rounded by at most half a unit, so
     * their sum is {@code 2^22} give or take half the tap count: thousands of units of headroom.
     * Construction checks it, and the resampler can then skip Pillow's clamp, the costliest step
     * of its inner loops.
     */
    static final long MAX_WEIGHT_SUM = ((256L << PRECISION_BITS) - 1 - HALF) / 255;

    private final int taps;
    private final int[] first;
    private final int[] weights;

    private ResampleWeights(int taps, int[] first, int[] weights) {
        this.taps = taps;
        this.first = first;
        this.weights = weights;
    }

    static ResampleWeights triangle(int sourceLength, int targetLength) {
        if (sourceLength < 1 || targetLength < 1) {
            throw new IllegalArgumentException("lengths must be positive: " + sourceLength + " -> " + targetLength);
        }
        double scale = (double) sourceLength / targetLength;
        double filterScale = Math.max(1.0, scale);
        double support = filterScale;
        double inverseScale = 1.0 / filterScale;
        int window = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[targetLength];
        int[] count = new int[targetLength];
        int[] fixed = new int[targetLength * window];
        double[] raw = new double[window];
        int maxTaps = 0;
        for (int target = 0; target < targetLength; target++) {
            // Pixel centres align: target pixel t covers source [t * scale, (t + 1) * scale).
            double centre = (target + 0.5) * scale;
            int low = Math.max(0, (int) (centre - support + 0.5));
            int inWindow = Math.min(sourceLength, (int) (centre + support + 0.5)) - low;
            double sum = 0.0;
            for (int tap = 0; tap < inWindow; tap++) {
                double weight = triangle((tap + low - centre + 0.5) * inverseScale);
                raw[tap] = weight;
                sum += weight;
            }
            // Taps whose weight rounds to zero change no sum: trim them from both ends.
            int firstTap = -1;
            int lastTap = -1;
            long weightSum = 0;
            for (int tap = 0; tap < inWindow; tap++) {
                int weight = toFixed(sum != 0.0 ? raw[tap] / sum : raw[tap]);
                if (weight != 0) {
                    if (firstTap < 0) {
                        firstTap = tap;
                    }
                    lastTap = tap;
                }
                fixed[target * window + tap] = weight;
                weightSum += weight;
            }
            if (firstTap < 0) {
                throw new IllegalStateException("no tap of target " + target + " has a weight");
            }
            if (weightSum > MAX_WEIGHT_SUM) {
                throw new IllegalArgumentException("fixed-point weights of " + sourceLength + " -> " + targetLength
                        + " could exceed 8 bits");
            }
            first[target] = low + firstTap;
            count[target] = lastTap - firstTap + 1;
            System.arraycopy(fixed, target * window + firstTap, fixed, target * window, count[target]);
            maxTaps = Math.max(maxTaps, count[target]);
        }
        return uniform(sourceLength, maxTaps, first, count, fixed, window);
    }

    /**
     * Lays every target out with {@code taps} weights, zero-padding the short ones at the end, or
     * at the start where the padding would run past the source (moving the first index back):
     * a tap count never exceeds the source length, so there is always room.
     */
    private static ResampleWeights uniform(int sourceLength, int taps, int[] first, int[] count, int[] fixed,
            int window) {
        int[] weights = new int[first.length * taps];
        for (int target = 0; target < first.length; target++) {
            int shift = Math.max(0, first[target] + taps - sourceLength);
            first[target] -= shift;
            System.arraycopy(fixed, target * window, weights, target * taps + shift, count[target]);
        }
        return new ResampleWeights(taps, first, weights);
    }

    private static double triangle(double x) {
        double distance = Math.abs(x);
        return distance < 1.0 ? 1.0 - distance : 0.0;
    }

    /** Rounds half away from zero, as Pillow's {@code normalize_coeffs_8bpc}. */
    private static int toFixed(double weight) {
        double scaled = weight * (1 << PRECISION_BITS);
        return (int) (weight < 0 ? scaled - 0.5 : scaled + 0.5);
    }

    /** The number of weights of every target. */
    int taps() {
        return taps;
    }

    int first(int target) {
        return first[target];
    }

    int weight(int target, int tap) {
        return weights[target * taps + tap];
    }

    /*
     * The tables themselves, for the resampler's inner loops, where an accessor call per tap
     * costs more than the multiply it feeds. Never modified after construction.
     */

    int[] firsts() {
        return first;
    }

    /** Weight {@code tap} of target {@code t} is at {@code t * taps() + tap}. */
    int[] table() {
        return weights;
    }
}
