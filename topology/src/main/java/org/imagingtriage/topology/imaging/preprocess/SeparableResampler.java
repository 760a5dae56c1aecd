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
            Arrays.fill(targetRow, 0f);
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
                for (int i = 0; i < targetRow.length; i++) {
                    targetRow[i] += weight * resized[i];
                }
            }
            writeRow(targetRow, channels, canvas, ((offsetY + y) * canvasWidth + offsetX) * 3);
        }
    }

    private static void resampleRow(float[] sourceRow, int channels, ResampleWeights weights, float[] out) {
        for (int x = 0; x < weights.targetLength(); x++) {
            int first = weights.first(x);
            int taps = weights.count(x);
            for (int c = 0; c < channels; c++) {
                float sum = 0f;
                for (int tap = 0; tap < taps; tap++) {
                    sum += weights.weight(x, tap) * sourceRow[(first + tap) * channels + c];
                }
                out[x * channels + c] = sum;
            }
        }
    }

    /** Rounds half up and clamps to [0, 255]; greyscale goes to all of R, G and B. */
    private static void writeRow(float[] row, int channels, byte[] canvas, int at) {
        int pixels = row.length / channels;
        for (int x = 0; x < pixels; x++) {
            if (channels == 1) {
                byte grey = toByte(row[x]);
                canvas[at++] = grey;
                canvas[at++] = grey;
                canvas[at++] = grey;
            } else {
                canvas[at++] = toByte(row[x * 3]);
                canvas[at++] = toByte(row[x * 3 + 1]);
                canvas[at++] = toByte(row[x * 3 + 2]);
            }
        }
    }

    private static byte toByte(float value) {
        return (byte) Math.min(255, Math.max(0, Math.round(value)));
    }
}
