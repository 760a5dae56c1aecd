package org.imagingtriage.devstack.samples;

import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.List;

/**
 * Stamps "SYNTHETIC" into the top-left corner, so nobody mistakes a sample for a real study even
 * once it is separated from its file name. The glyphs are a built-in 5x7 bitmap font: Java2D text
 * would need system fonts, which headless build machines often lack.
 */
final class SyntheticLabel {

    static final String TEXT = "SYNTHETIC";

    private static final int GLYPH_WIDTH = 5;
    private static final int GLYPH_HEIGHT = 7;
    /** A glyph plus one column of spacing. */
    private static final int ADVANCE = GLYPH_WIDTH + 1;
    private static final int LABEL_COLUMNS = TEXT.length() * ADVANCE;

    private static final List<String> S = List.of(".###.", "#...#", "#....", ".###.", "....#", "#...#", ".###.");
    private static final List<String> Y = List.of("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..");
    private static final List<String> N = List.of("#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#");
    private static final List<String> T = List.of("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..");
    private static final List<String> H = List.of("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#");
    private static final List<String> E = List.of("#####", "#....", "#....", "####.", "#....", "#....", "#####");
    private static final List<String> I = List.of(".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.");
    private static final List<String> C = List.of(".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.");

    private SyntheticLabel() {
    }

    /**
     * Sets every band of the label's pixels to {@code maxSample}. The label scales with the
     * image, about a thirtieth of its height, and stays within 80 % of its width.
     */
    static void stamp(WritableRaster raster, int maxSample) {
        int scale = Math.max(1, Math.min(raster.getHeight() / (GLYPH_HEIGHT * 30),
                raster.getWidth() * 4 / 5 / LABEL_COLUMNS));
        int margin = 2 * scale;
        int[] on = new int[raster.getNumBands() * scale * scale];
        Arrays.fill(on, maxSample);
        for (int index = 0; index < TEXT.length(); index++) {
            List<String> glyph = glyph(TEXT.charAt(index));
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int column = 0; column < GLYPH_WIDTH; column++) {
                    int x = margin + (index * ADVANCE + column) * scale;
                    int y = margin + row * scale;
                    if (glyph.get(row).charAt(column) == '#' && x + scale <= raster.getWidth()
                            && y + scale <= raster.getHeight()) {
                        raster.setPixels(x, y, scale, scale, on);
                    }
                }
            }
        }
    }

    private static List<String> glyph(char letter) {
        return switch (letter) {
            case 'S' -> S;
            case 'Y' -> Y;
            case 'N' -> N;
            case 'T' -> T;
            case 'H' -> H;
            case 'E' -> E;
            case 'I' -> I;
            case 'C' -> C;
            default -> throw new IllegalArgumentException("no glyph for " + letter);
        };
    }
}
