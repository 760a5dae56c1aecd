package org.imagingtriage.topology.imaging.preprocess;

/**
 * Where a source image lands in the square: its resized size and the offset of its top-left
 * corner. The rest of the square is black padding.
 *
 * @param scale target side / longer source side (each axis is resampled by its own exact ratio
 *     contentWidth / sourceWidth, which differs from this by under half a pixel's worth)
 */
public record LetterboxGeometry(int sourceWidth, int sourceHeight, int contentWidth, int contentHeight,
        int offsetX, int offsetY, double scale) {

    /**
     * Fits {@code width} x {@code height} into a {@code side} square, keeping the aspect ratio:
     * the longer side becomes {@code side}, the shorter is rounded to the nearest pixel (at least
     * 1), and the content is centred, any odd pixel of padding going right or below.
     */
    public static LetterboxGeometry fit(int width, int height, int side) {
        if (width < 1 || height < 1 || side < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + width + "x" + height + " into " + side);
        }
        int longer = Math.max(width, height);
        // Integer arithmetic, rounding half up, so the geometry never depends on float rounding.
        int contentWidth = width == longer ? side : scaleRounded(width, side, longer);
        int contentHeight = height == longer ? side : scaleRounded(height, side, longer);
        return new LetterboxGeometry(width, height, contentWidth, contentHeight, (side - contentWidth) / 2,
                (side - contentHeight) / 2, (double) side / longer);
    }

    private static int scaleRounded(int length, int side, int longer) {
        long rounded = (2L * length * side + longer) / (2L * longer);
        return (int) Math.max(1, rounded);
    }
}
