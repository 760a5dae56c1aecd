package org.imagingtriage.topology.imaging.preprocess;

/**
 * The filter taps for resampling one axis from {@code sourceLength} to {@code targetLength}
 * samples: for each target index, the first source index, the number of taps and their
 * normalised weights.
 *
 * <p>The filter is a triangle (the bilinear kernel) whose radius is one source pixel when
 * enlarging and {@code sourceLength / targetLength} source pixels when shrinking. Enlarging, it is
 * exactly bilinear interpolation. Shrinking, plain bilinear would still read only the two nearest
 * source pixels per axis and skip everything between, so fine detail (grid lines, noise, a
 * checkerboard) aliases into false patterns; widening the triangle with the shrink factor makes
 * every source pixel contribute, low-passing the image before it is sampled. A box filter (area
 * averaging) would also anti-alias but leaves more aliasing at non-integer factors; Lanczos is
 * sharper but rings around edges such as implant borders. It is also the filter of Pillow's
 * bilinear resize, which MedGemma's own image processor uses, so what the model sees here is
 * close to what it saw in training.
 *
 * <p>Taps falling outside the source are dropped and the rest renormalised, so edges are not
 * darkened. Weights are computed in double and stored as float; with Java's strict IEEE
 * arithmetic the same input always yields the same weights.
 */
final class ResampleWeights {

    private final int targetLength;
    private final int stride;
    private final int[] first;
    private final int[] count;
    private final float[] weights;

    private ResampleWeights(int targetLength, int stride) {
        this.targetLength = targetLength;
        this.stride = stride;
        this.first = new int[targetLength];
        this.count = new int[targetLength];
        this.weights = new float[targetLength * stride];
    }

    static ResampleWeights triangle(int sourceLength, int targetLength) {
        if (sourceLength < 1 || targetLength < 1) {
            throw new IllegalArgumentException("lengths must be positive: " + sourceLength + " -> " + targetLength);
        }
        double factor = (double) sourceLength / targetLength;
        double radius = Math.max(1.0, factor);
        // Taps with positive weight lie strictly within radius of the centre: at most 2 * radius of them.
        int stride = (int) Math.ceil(2 * radius) + 1;
        ResampleWeights table = new ResampleWeights(targetLength, stride);
        double[] raw = new double[stride];
        for (int target = 0; target < targetLength; target++) {
            // Pixel centres align: target pixel t covers source [t * factor, (t + 1) * factor).
            double centre = (target + 0.5) * factor;
            int low = Math.max(0, (int) Math.floor(centre - radius));
            int high = Math.min(sourceLength - 1, (int) Math.ceil(centre + radius));
            int taps = 0;
            int firstTap = -1;
            double sum = 0;
            for (int source = low; source <= high; source++) {
                double weight = 1.0 - Math.abs(source + 0.5 - centre) / radius;
                if (weight > 0) {
                    if (firstTap < 0) {
                        firstTap = source;
                    }
                    raw[taps++] = weight;
                    sum += weight;
                }
            }
            table.first[target] = firstTap;
            table.count[target] = taps;
            for (int k = 0; k < taps; k++) {
                table.weights[target * stride + k] = (float) (raw[k] / sum);
            }
        }
        return table;
    }

    int targetLength() {
        return targetLength;
    }

    int first(int target) {
        return first[target];
    }

    int count(int target) {
        return count[target];
    }

    float weight(int target, int tap) {
        return weights[target * stride + tap];
    }

    /** The most taps any target index uses. */
    int maxCount() {
        int max = 0;
        for (int c : count) {
            max = Math.max(max, c);
        }
        return max;
    }
}
