package org.imagingtriage.topology.imaging.preprocess;

import java.util.Arrays;

/**
 * Resizes a {@link DisplayImage} with {@link ResampleWeights} along each axis, writing 8-bit RGB
 * into a region of a larger HWC canvas.
 *
 * <p>Rows are resampled horizontally as they are read and kept in a ring just deep enough for the
 * vertical filter: a target row needs a window of consecutive source rows that only moves down,
 * so memory is a few dozen resized rows whatever the source height, and nothing is allocated per
 * pixel. Accumulation order is fixed, so output is bit-for-bit reproducible.
 */
final class SeparableResampler {

    private SeparableResampler() {
    }

    static void resize(DisplayImage source, int targetWidth, int targetHeight, byte[] canvas, int canvasWidth,
            int offsetX, int offsetY) {
        int channels = source.channels();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("1 or 3 channels expected, got " + channels);
        }
        ResampleWeights horizontal = ResampleWeights.triangle(source.width(), targetWidth);
        ResampleWeights vertical = ResampleWeights.triangle(source.height(), targetHeight);
        int ringSize = vertical.maxCount();
        float[] sourceRow = new float[source.width() * channels];
        float[][] ring = new float[ringSize][targetWidth * channels];
        int[] ringHolds = new int[ringSize];
        Arrays.fill(ringHolds, -1);
        float[] targetRow = new float[targetWidth * channels];

        for (int y = 0; y < targetHeight; y++) {
            for (int tap = 0; tap < vertical.count(y); tap++) {
                int sourceY = vertical.first(y) + tap;
                int slot = sourceY % ringSize;
                if (ringHolds[slot] != sourceY) {
                    source.readRow(sourceY, sourceRow);
                    resampleRow(sourceRow, channels, horizontal, ring[slot]);
                    ringHolds[slot] = sourceY;
                }
                float weight = vertical.weight(y, tap);
                float[] resized = ring[slot];
                if (tap == 0) {
                    // Assigning the first tap instead of adding it to zero gives the same bytes, one pass sooner.
                    for (int i = 0; i < targetRow.length; i++) {
                        targetRow[i] = weight * resized[i];
                    }
                } else {
                    for (int i = 0; i < targetRow.length; i++) {
                        targetRow[i] += weight * resized[i];
                    }
                }
            }
            writeRow(targetRow, channels, canvas, ((offsetY + y) * canvasWidth + offsetX) * 3);
        }
    }

    private static void resampleRow(float[] sourceRow, int channels, ResampleWeights weights, float[] out) {
        if (channels == 1) {
            for (int x = 0; x < weights.targetLength(); x++) {
                int first = weights.first(x);
                int taps = weights.count(x);
                float sum = 0f;
                for (int tap = 0; tap < taps; tap++) {
                    sum += weights.weight(x, tap) * sourceRow[first + tap];
                }
                out[x] = sum;
            }
            return;
        }
        // Three channels accumulated together: one pass over the taps reads each source pixel once.
        for (int x = 0; x < weights.targetLength(); x++) {
            int at = weights.first(x) * 3;
            int taps = weights.count(x);
            float red = 0f;
            float green = 0f;
            float blue = 0f;
            for (int tap = 0; tap < taps; tap++, at += 3) {
                float weight = weights.weight(x, tap);
                red += weight * sourceRow[at];
                green += weight * sourceRow[at + 1];
                blue += weight * sourceRow[at + 2];
            }
            out[x * 3] = red;
            out[x * 3 + 1] = green;
            out[x * 3 + 2] = blue;
        }
    }

    /** Rounds half up and clamps to [0, 255]; greyscale goes to all of R, G and B. */
    private static void writeRow(float[] row, int channels, byte[] canvas, int at) {
        if (channels == 1) {
            for (float value : row) {
                byte grey = toByte(value);
                canvas[at++] = grey;
                canvas[at++] = grey;
                canvas[at++] = grey;
            }
        } else {
            for (float value : row) {
                canvas[at++] = toByte(value);
            }
        }
    }

    /**
     * {@code Math.round(value)} clamped to [0, 255], without Math.round's general-case cost, which
     * dominated the whole resize: a float plus 0.5 is exact in double, so truncating it floors it
     * for every value that is not clamped to 0 anyway (negatives truncate towards zero; NaN gives 0).
     * Branch-free, so the JIT can vectorise the loops that call it.
     */
    private static byte toByte(float value) {
        return (byte) Math.max(0, Math.min(255, (int) (value + 0.5d)));
    }
}
