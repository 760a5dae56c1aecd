package org.imagingtriage.topology.imaging.preprocess;

import java.util.Arrays;

/**
 * Resizes a {@link DisplayImage} with {@link ResampleWeights} along each axis, writing 8-bit RGB
 * into a region of a larger HWC canvas.
 *
 * <p>Integer arithmetic throughout, as Pillow's 8-bit resize: each source row is resampled
 * horizontally and rounded back to 8 bits, then target rows are weighted sums of those, rounded.
 * Same weights, same rounding points, so the bytes are Pillow's. Pillow also clamps each result to
 * [0, 255]; with non-negative weights whose sum {@link ResampleWeights} bounds, no result can
 * leave that range, so the clamp is left out.
 *
 * <p>Horizontally resampled rows are kept in a ring just deep enough for the vertical filter: a
 * target row needs a window of consecutive source rows that only moves down, so memory is a few
 * dozen resized rows whatever the source height, and nothing is allocated per pixel. Grey rows
 * are replicated to R, G and B as they enter the ring, so the vertical pass, which touches every
 * output byte, is one loop for both kinds.
 */
final class SeparableResampler {

    private static final int BITS = ResampleWeights.PRECISION_BITS;
    private static final int HALF = ResampleWeights.HALF;

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
        int taps = vertical.taps();
        byte[] sourceRow = new byte[source.width() * channels];
        int[][] ring = new int[taps][targetWidth * 3];
        int[] ringHolds = new int[taps];
        Arrays.fill(ringHolds, -1);
        int[] sums = new int[targetWidth * 3];

        for (int y = 0; y < targetHeight; y++) {
            int first = vertical.first(y);
            for (int tap = 0; tap < taps; tap++) {
                int sourceY = first + tap;
                int slot = sourceY % taps;
                if (ringHolds[slot] != sourceY) {
                    source.readRow(sourceY, sourceRow);
                    resampleRow(sourceRow, channels, horizontal, ring[slot]);
                    ringHolds[slot] = sourceY;
                }
                if (tap == 0) {
                    start(sums, vertical.weight(y, 0), ring[slot]);
                } else {
                    accumulate(sums, vertical.weight(y, tap), ring[slot]);
                }
            }
            narrow(sums, canvas, ((offsetY + y) * canvasWidth + offsetX) * 3);
        }
    }

    /** The first tap, with the rounding half: one pass fewer than filling the sums first. */
    private static void start(int[] sums, int weight, int[] row) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] = HALF + weight * row[i];
        }
    }

    /** The vertical pass's inner loop, kept apart so that the JIT vectorises it. */
    private static void accumulate(int[] sums, int weight, int[] row) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += weight * row[i];
        }
    }

    /** Sums to bytes: a loop the JIT cannot vectorise (int to byte), so it does nothing else. */
    private static void narrow(int[] sums, byte[] canvas, int at) {
        for (int i = 0; i < sums.length; i++) {
            canvas[at + i] = (byte) (sums[i] >> BITS);
        }
    }

    /** One source row resampled horizontally into RGB, each value rounded to 8 bits. */
    private static void resampleRow(byte[] sourceRow, int channels, ResampleWeights weights, int[] out) {
        if (weights.taps() == 2) {
            // Every enlargement: two taps, unrolled.
            if (channels == 1) {
                resampleGreyTwoTaps(sourceRow, weights, out);
            } else {
                resampleRgbTwoTaps(sourceRow, weights, out);
            }
        } else if (channels == 1) {
            resampleGrey(sourceRow, weights, out);
        } else {
            resampleRgb(sourceRow, weights, out);
        }
    }

    private static void resampleGreyTwoTaps(byte[] sourceRow, ResampleWeights weights, int[] out) {
        int[] firsts = weights.firsts();
        int[] table = weights.table();
        for (int x = 0, o = 0; x < firsts.length; x++, o += 3) {
            int at = firsts[x];
            int grey = (HALF + table[2 * x] * (sourceRow[at] & 0xff) + table[2 * x + 1] * (sourceRow[at + 1] & 0xff))
                    >> BITS;
            out[o] = grey;
            out[o + 1] = grey;
            out[o + 2] = grey;
        }
    }

    private static void resampleRgbTwoTaps(byte[] sourceRow, ResampleWeights weights, int[] out) {
        int[] firsts = weights.firsts();
        int[] table = weights.table();
        for (int x = 0, o = 0; x < firsts.length; x++, o += 3) {
            int at = firsts[x] * 3;
            int left = table[2 * x];
            int right = table[2 * x + 1];
            out[o] = (HALF + left * (sourceRow[at] & 0xff) + right * (sourceRow[at + 3] & 0xff)) >> BITS;
            out[o + 1] = (HALF + left * (sourceRow[at + 1] & 0xff) + right * (sourceRow[at + 4] & 0xff)) >> BITS;
            out[o + 2] = (HALF + left * (sourceRow[at + 2] & 0xff) + right * (sourceRow[at + 5] & 0xff)) >> BITS;
        }
    }

    /** Grey, any number of taps: the value is replicated to R, G and B. */
    private static void resampleGrey(byte[] sourceRow, ResampleWeights weights, int[] out) {
        int[] firsts = weights.firsts();
        int[] table = weights.table();
        int taps = weights.taps();
        for (int x = 0, w = 0, o = 0; x < firsts.length; x++, w += taps, o += 3) {
            int at = firsts[x];
            int sum = HALF;
            for (int tap = 0; tap < taps; tap++) {
                sum += table[w + tap] * (sourceRow[at + tap] & 0xff);
            }
            int grey = sum >> BITS;
            out[o] = grey;
            out[o + 1] = grey;
            out[o + 2] = grey;
        }
    }

    /** RGB, any number of taps: one pass over the taps reads each source pixel once. */
    private static void resampleRgb(byte[] sourceRow, ResampleWeights weights, int[] out) {
        int[] firsts = weights.firsts();
        int[] table = weights.table();
        int taps = weights.taps();
        for (int x = 0, w = 0, o = 0; x < firsts.length; x++, w += taps, o += 3) {
            int at = firsts[x] * 3;
            int red = HALF;
            int green = HALF;
            int blue = HALF;
            for (int tap = 0; tap < taps; tap++, at += 3) {
                int weight = table[w + tap];
                red += weight * (sourceRow[at] & 0xff);
                green += weight * (sourceRow[at + 1] & 0xff);
                blue += weight * (sourceRow[at + 2] & 0xff);
            }
            out[o] = red >> BITS;
            out[o + 1] = green >> BITS;
            out[o + 2] = blue >> BITS;
        }
    }
}
