package org.imagingtriage.topology.imaging.decode;

/**
 * Caps checked against an image's header before any pixel is decoded.
 *
 * <p>The default of 40 megapixels admits the largest projection images in use (full-field
 * mammograms are up to about 30 MP) while bounding the worst case: a 16-bit RGBA PNG at the cap
 * decodes to 320 MB in ImageIO's buffer plus 240 MB once converted, which the service's heap
 * must allow for each concurrently decoding stream thread.
 *
 * @param maxPixels most pixels (width x height) an image may declare, at most {@link DecodedImage#MAX_PIXELS}
 * @param maxSide longest side an image may declare, at most {@link DecodedImage#MAX_SIDE}
 */
public record DecodeLimits(long maxPixels, int maxSide) {

    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    public DecodeLimits {
        if (maxPixels < 1 || maxPixels > DecodedImage.MAX_PIXELS) {
            throw new IllegalArgumentException(
                    "maxPixels must be 1.." + DecodedImage.MAX_PIXELS + ", got " + maxPixels);
        }
        if (maxSide < 1 || maxSide > DecodedImage.MAX_SIDE) {
            throw new IllegalArgumentException("maxSide must be 1.." + DecodedImage.MAX_SIDE + ", got " + maxSide);
        }
    }

    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_PIXELS, DecodedImage.MAX_SIDE);
    }

    /** Whether a header declaring {@code width} x {@code height} may be decoded. */
    public boolean admits(long width, long height) {
        return width >= 1 && height >= 1 && width <= maxSide && height <= maxSide && width * height <= maxPixels;
    }
}
