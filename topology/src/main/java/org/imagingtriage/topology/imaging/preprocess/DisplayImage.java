package org.imagingtriage.topology.imaging.preprocess;

/**
 * An image as it should look: one (grey) or three (RGB) channels of 8-bit display intensities,
 * read a row at a time. Eight bits because that is what the model's own image processor resizes
 * (Pillow's 8-bit path), so rendering rounds once, before the resize, where that processor would.
 * Rows are produced on demand, so a 40-megapixel source is never held a second time at full
 * resolution while it is resized.
 */
public interface DisplayImage {

    int width();

    int height();

    /** 1 for greyscale (replicated to R, G and B at the end), 3 for RGB. */
    int channels();

    /**
     * Writes row {@code y} into {@code destination[0 .. width * channels)}, pixel-interleaved,
     * each byte an unsigned intensity. Rows may be read in any order and more than once.
     */
    void readRow(int y, byte[] destination);
}
