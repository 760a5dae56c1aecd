package org.imagingtriage.topology.imaging.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntBinaryOperator;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.PngDecoder;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.TestImages;
import org.junit.jupiter.api.Test;

class LetterboxTest {

    private static final int SIDE = Letterbox.SIDE;

    private final ImagePreprocessor preprocessor = ImagePreprocessor.defaults();

    @Test
    void landscapeImageIsCentredBetweenBlackBands() throws Exception {
        // given
        DecodedImage white = grey(1000, 500, (x, y) -> 255);

        // when
        PreprocessedImage out = preprocessor.preprocess(white);

        // then: rows 0-223 and 672-895 black, 224-671 white, in all three channels
        assertThat(out.pixels()).hasSize(MedGemmaContract.IMAGE_BYTES);
        for (int y = 0; y < SIDE; y++) {
            int expected = y >= 224 && y < 672 ? 255 : 0;
            for (int x = 0; x < SIDE; x += 37) {
                for (int c = 0; c < 3; c++) {
                    assertThat(out.pixel(x, y, c)).as("x=%d y=%d c=%d", x, y, c).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void portraitImageIsCentredBetweenBlackBands() throws Exception {
        // given
        DecodedImage white = grey(300, 600, (x, y) -> 255);

        // when
        PreprocessedImage out = preprocessor.preprocess(white);

        // then
        assertThat(out.geometry().contentWidth()).isEqualTo(448);
        assertThat(out.pixel(223, 400, 0)).isZero();
        assertThat(out.pixel(224, 400, 0)).isEqualTo(255);
        assertThat(out.pixel(671, 400, 0)).isEqualTo(255);
        assertThat(out.pixel(672, 400, 0)).isZero();
    }

    @Test
    void onePixelCheckerboardShrunkFourTimesBecomesUniformMidGrey() throws Exception {
        // given: 3584 = 4 x 896
        DecodedImage checkerboard = grey(3584, 400, LetterboxTest::checker);

        // when
        PreprocessedImage out = preprocessor.preprocess(checkerboard);

        // then
        assertContentIsMidGrey(out);
    }

    @Test
    void onePixelCheckerboardShrunkFiveTimesIsUniformWhereBilinearAliasesToFullContrast() throws Exception {
        // given: 4480 = 5 x 896, where each target centre falls exactly on one source pixel
        DecodedImage checkerboard = grey(4480, 500, LetterboxTest::checker);

        // when
        PreprocessedImage out = preprocessor.preprocess(checkerboard);

        // then
        assertContentIsMidGrey(out);
        // and plain 4-tap bilinear samples single pixels: a full-contrast false checkerboard
        assertThat(naiveBilinear(checkerboard, 5, 10, 10)).isIn(0, 255);
        assertThat(naiveBilinear(checkerboard, 5, 10, 10) - naiveBilinear(checkerboard, 5, 11, 10)).isIn(-255, 255);
    }

    @Test
    void onePixelCheckerboardShrunkEightTimesIsUniformWherePointSamplingIsFlatBlack() throws Exception {
        // given: 7168 = 8 x 896; the filter's support must widen to 8 source pixels each side
        DecodedImage checkerboard = grey(7168, 160, LetterboxTest::checker);

        // when
        PreprocessedImage out = preprocessor.preprocess(checkerboard);

        // then: the mean, 127.5, everywhere
        assertContentIsMidGrey(out);
        // and point sampling (the source pixel under each target centre, 8t + 4) sees one parity only
        for (int t = 0; t < 20; t++) {
            assertThat(checkerboard.sample(8 * t + 4, 4, 0)).isZero();
        }
    }

    @Test
    void uniformImagesStayUniformAtAnyScale() throws Exception {
        for (int[] size : new int[][] {{5000, 3000}, {1000, 777}, {897, 896}, {123, 45}, {3, 1}}) {
            // given
            DecodedImage flat = rgb(size[0], size[1], (x, y) -> 0x4080c0);

            // when
            PreprocessedImage out = preprocessor.preprocess(flat);

            // then
            assertThat(contentColours(out)).as("%dx%d", size[0], size[1]).containsExactly(0x4080c0);
        }
    }

    @Test
    void twoByTwoIsEnlargedBilinearly() throws Exception {
        // given: black left column, white right column
        DecodedImage tiny = grey(2, 2, (x, y) -> x == 0 ? 0 : 255);

        // when
        PreprocessedImage out = preprocessor.preprocess(tiny);

        // then: flat near the edges (448 pixels per source pixel, centres at 224 and 672),
        // a monotone ramp between, symmetric about the middle, identical rows
        assertThat(out.pixel(0, 0, 0)).isZero();
        assertThat(out.pixel(223, 0, 0)).isZero();
        assertThat(out.pixel(672, 0, 0)).isEqualTo(255);
        assertThat(out.pixel(895, 895, 0)).isEqualTo(255);
        for (int x = 1; x < SIDE; x++) {
            assertThat(out.pixel(x, 0, 0)).isGreaterThanOrEqualTo(out.pixel(x - 1, 0, 0));
            assertThat(out.pixel(x, 0, 0) + out.pixel(SIDE - 1 - x, 0, 0)).isBetween(254, 256);
            assertThat(out.pixel(x, 700, 1)).isEqualTo(out.pixel(x, 0, 0));
        }
        assertThat(out.pixel(447, 0, 0)).isBetween(126, 128);
    }

    @Test
    void rgbChannelsKeepTheirOrder() throws Exception {
        // when
        PreprocessedImage out = preprocessor.preprocess(rgb(10, 10, (x, y) -> 0xff0000));

        // then
        assertThat(new int[] {out.pixel(448, 448, 0), out.pixel(448, 448, 1), out.pixel(448, 448, 2)})
                .containsExactly(255, 0, 0);
    }

    @Test
    void sameInputGivesTheSameBytesAndHash() throws Exception {
        // given: decoded twice from the same file, through a shrink with a fractional factor
        byte[] png = TestImages.png(TestImages.argb(1234, 987, (x, y) -> 0xff000000 | (x * 7919 + y * 104729)));
        PngDecoder decoder = new PngDecoder(DecodeLimits.defaults());

        // when
        PreprocessedImage first = preprocessor.preprocess(decoder.decode(png));
        PreprocessedImage second = preprocessor.preprocess(decoder.decode(png));

        // then
        assertThat(second.inputSha256()).isEqualTo(first.inputSha256());
        assertThat(second.pixels()).isEqualTo(first.pixels());
        assertThat(first.inputSha256()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.pixels())));
        assertThat(first.preprocessingVersion()).isEqualTo("linear-minmax-v1+letterbox-pillow-v2");
    }

    @Test
    void sixteenBitGreyIsStretchedFromItsMinimumToItsMaximum() throws Exception {
        // given: a 12-bit detector's range in a 16-bit file, left half 100, right half 4000
        DecodedImage deep = new DecodedImage(2, 1, Photometric.MONOCHROME2, 16,
                new Samples.Shorts(new short[] {100, 4000}, false), Set.of());

        // when
        PreprocessedImage out = preprocessor.preprocess(deep);

        // then
        assertThat(out.pixel(0, 300, 0)).isZero();
        assertThat(out.pixel(895, 300, 0)).isEqualTo(255);
    }

    @Test
    void monochromeOneIsInverted() throws Exception {
        // given
        DecodedImage inverted = new DecodedImage(1, 1, Photometric.MONOCHROME1, 8, new Samples.Bytes(new byte[] {0}),
                Set.of());

        // when / then
        assertThat(preprocessor.preprocess(inverted).pixel(448, 448, 0)).isEqualTo(255);
    }

    /**
     * Inside the content every pixel is 127 or 128 (the exact mean is 127.5); the outermost ring
     * sees a truncated filter and may stray by a few levels more.
     */
    private static void assertContentIsMidGrey(PreprocessedImage out) {
        Set<Integer> interior = new TreeSet<>();
        Set<Integer> edge = new TreeSet<>();
        LetterboxGeometry g = out.geometry();
        int right = g.offsetX() + g.contentWidth() - 1;
        int bottom = g.offsetY() + g.contentHeight() - 1;
        for (int y = g.offsetY(); y <= bottom; y++) {
            for (int x = g.offsetX(); x <= right; x++) {
                boolean onEdge = y == g.offsetY() || x == g.offsetX() || y == bottom || x == right;
                (onEdge ? edge : interior).add(out.pixel(x, y, 0));
            }
        }
        assertThat(interior).isSubsetOf(127, 128);
        assertThat(edge).allSatisfy(value -> assertThat(value).isBetween(116, 139));
    }

    /** The distinct 0xRRGGBB values inside the content area. */
    private static Set<Integer> contentColours(PreprocessedImage out) {
        Set<Integer> colours = new TreeSet<>();
        LetterboxGeometry g = out.geometry();
        for (int y = g.offsetY(); y < g.offsetY() + g.contentHeight(); y++) {
            for (int x = g.offsetX(); x < g.offsetX() + g.contentWidth(); x++) {
                colours.add(out.pixel(x, y, 0) << 16 | out.pixel(x, y, 1) << 8 | out.pixel(x, y, 2));
            }
        }
        return colours;
    }

    /** Plain bilinear from the four nearest source pixels, centre-aligned: what aliases. */
    private static int naiveBilinear(DecodedImage image, double factor, int targetX, int targetY) {
        double sx = (targetX + 0.5) * factor - 0.5;
        double sy = (targetY + 0.5) * factor - 0.5;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double top = image.sample(x0, y0, 0) * (1 - fx) + image.sample(x0 + 1, y0, 0) * fx;
        double bottom = image.sample(x0, y0 + 1, 0) * (1 - fx) + image.sample(x0 + 1, y0 + 1, 0) * fx;
        return (int) Math.round(top * (1 - fy) + bottom * fy);
    }

    private static int checker(int x, int y) {
        return ((x + y) & 1) == 0 ? 0 : 255;
    }

    private static DecodedImage grey(int width, int height, IntBinaryOperator value) {
        byte[] samples = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                samples[y * width + x] = (byte) value.applyAsInt(x, y);
            }
        }
        return new DecodedImage(width, height, Photometric.MONOCHROME2, 8, new Samples.Bytes(samples), Set.of());
    }

    private static DecodedImage rgb(int width, int height, IntBinaryOperator rgb) {
        byte[] samples = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int value = rgb.applyAsInt(x, y);
                int at = (y * width + x) * 3;
                samples[at] = (byte) (value >> 16);
                samples[at + 1] = (byte) (value >> 8);
                samples[at + 2] = (byte) value;
            }
        }
        return new DecodedImage(width, height, Photometric.RGB, 8, new Samples.Bytes(samples), Set.of());
    }
}
