package org.imagingtriage.topology.imaging.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.imagingtriage.topology.imaging.TestImages.grey16;
import static org.imagingtriage.topology.imaging.TestImages.grey8;
import static org.imagingtriage.topology.imaging.TestImages.png;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.TestImages;
import org.junit.jupiter.api.Test;

class PngDecoderTest {

    private final PngDecoder decoder = new PngDecoder(DecodeLimits.defaults());

    @Test
    void eightBitGreyscaleKeepsEverySample() throws Exception {
        // given
        byte[] file = png(grey8(7, 5, (x, y) -> x * 30 + y));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.width()).isEqualTo(7);
        assertThat(image.height()).isEqualTo(5);
        assertThat(image.photometric()).isEqualTo(Photometric.MONOCHROME2);
        assertThat(image.bitsStored()).isEqualTo(8);
        assertThat(image.samples()).isInstanceOf(Samples.Bytes.class);
        assertThat(image.sample(6, 4, 0)).isEqualTo(184);
        assertThat(image.metadataKeys()).isEmpty();
    }

    @Test
    void sixteenBitGreyscaleKeepsSixteenBits() throws Exception {
        // given
        byte[] file = png(grey16(4, 3, (x, y) -> 1000 + x * 10_000 + y));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.bitsStored()).isEqualTo(16);
        assertThat(image.samples()).isInstanceOf(Samples.Shorts.class);
        assertThat(image.sample(3, 2, 0)).isEqualTo(31_002);
        assertThat(image.sample(0, 0, 0)).isEqualTo(1000);
    }

    @Test
    void colourPaletteBecomesRgb() throws Exception {
        // given: entries black, red, green, blue
        byte[] reds = {0, (byte) 255, 0, 0};
        byte[] greens = {0, 0, (byte) 255, 0};
        byte[] blues = {0, 0, 0, (byte) 255};
        byte[] file = png(TestImages.palette(4, 1, reds, greens, blues, (x, y) -> x));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.RGB);
        assertThat(rgbAt(image, 1)).containsExactly(255, 0, 0);
        assertThat(rgbAt(image, 2)).containsExactly(0, 255, 0);
        assertThat(rgbAt(image, 3)).containsExactly(0, 0, 255);
    }

    @Test
    void greyPaletteBecomesGreyscale() throws Exception {
        // given
        byte[] levels = {0, 85, (byte) 170, (byte) 255};
        byte[] file = png(TestImages.palette(4, 1, levels, levels, levels, (x, y) -> 3 - x));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.MONOCHROME2);
        assertThat(image.bitsStored()).isEqualTo(8);
        assertThat(new int[] {image.sample(0, 0, 0), image.sample(1, 0, 0), image.sample(3, 0, 0)})
                .containsExactly(255, 170, 0);
    }

    @Test
    void alphaIsCompositedOnBlack() throws Exception {
        // given: opaque white, half-transparent white, fully transparent white
        byte[] file = png(TestImages.argb(3, 1, (x, y) -> switch (x) {
            case 0 -> 0xffffffff;
            case 1 -> 0x80ffffff;
            default -> 0x00ffffff;
        }));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.RGB);
        assertThat(rgbAt(image, 0)).containsExactly(255, 255, 255);
        assertThat(rgbAt(image, 1)).containsExactly(128, 128, 128);
        assertThat(rgbAt(image, 2)).containsExactly(0, 0, 0);
    }

    @Test
    void greyWithAlphaIsCompositedOnBlackAndStaysGrey() throws Exception {
        // given: an 8-bit grey + alpha PNG (colour type 4), white at alpha 255, 51 and 0
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        BufferedImage image = new BufferedImage(model, model.createCompatibleWritableRaster(3, 1), false, null);
        int[] alphas = {255, 51, 0};
        for (int x = 0; x < 3; x++) {
            image.getRaster().setPixel(x, 0, new int[] {255, alphas[x]});
        }

        // when
        DecodedImage decoded = decoder.decode(png(image));

        // then
        assertThat(decoded.photometric()).isEqualTo(Photometric.MONOCHROME2);
        assertThat(new int[] {decoded.sample(0, 0, 0), decoded.sample(1, 0, 0), decoded.sample(2, 0, 0)})
                .containsExactly(255, 51, 0);
    }

    @Test
    void textChunkKeywordsAreCollectedWhereverTheyAre() throws Exception {
        // given: one text chunk after the image data, and an eXIf chunk
        byte[] file = png(grey8(2, 2, (x, y) -> 0));
        file = TestImages.insertBeforeIend(file, TestImages.textChunk("Author", "Jane Doe"));
        file = TestImages.insertBeforeIend(file, TestImages.pngChunk("eXIf", new byte[] {'M', 'M', 0, 42}));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.metadataKeys()).containsExactlyInAnyOrder("Author", "EXIF");
    }

    @Test
    void jpegBytesDeclaredPngAreAFormatMismatch() {
        // given
        byte[] jpeg = TestImages.jpeg(grey8(8, 8, (x, y) -> 0));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(jpeg));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.FORMAT_MISMATCH);
        assertThat(refused.stage()).isEqualTo(Stage.DECODE);
        assertThat(refused.detail()).isEqualTo("declared PNG but the bytes carry a JPEG signature");
    }

    @Test
    void truncatedFileIsCorrupt() {
        // given
        byte[] file = png(grey8(64, 64, (x, y) -> x ^ y));
        byte[] truncated = Arrays.copyOf(file, file.length / 2);

        // when / then
        assertThat(reasonFor(truncated)).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(reasonFor(Arrays.copyOf(file, file.length - 1))).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(reasonFor(Arrays.copyOf(file, 5))).isEqualTo(ImagingReason.CORRUPT_IMAGE);
    }

    @Test
    void flippedBitIsCaughtByTheChunkCrc() {
        // given
        byte[] file = png(grey8(64, 64, (x, y) -> x ^ y));
        file[file.length / 2] ^= 0x10;

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(refused.detail()).contains("CRC");
    }

    @Test
    void damagedCompressedDataWithValidCrcsIsCorrupt() {
        // given: an IDAT whose zlib stream is garbage, correctly checksummed
        byte[] garbage = new byte[100];
        Arrays.fill(garbage, (byte) 0xab);
        byte[] header = Arrays.copyOfRange(TestImages.pngHeaderOnly(16, 16), 8, 8 + 25);
        byte[] file = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, header,
                TestImages.pngChunk("IDAT", garbage), TestImages.pngChunk("IEND", new byte[0]));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then: ImageIO's failure, mapped
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(refused.detail()).startsWith("ImageIO could not decode the PNG");
    }

    @Test
    void decompressionBombHeaderIsRefusedWithoutAllocatingItsPixels() throws Exception {
        // given: 100000 x 100000 RGB would be 30 GB; warm ImageIO up first so its one-off
        // initialisation is not counted
        decoder.decode(png(grey8(2, 2, (x, y) -> 0)));
        byte[] bomb = TestImages.pngHeaderOnly(100_000, 100_000);
        long before = ThreadAllocation.bytesSoFar();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(bomb));

        // then
        long allocated = ThreadAllocation.bytesSoFar() - before;
        assertThat(refused.reason()).isEqualTo(ImagingReason.PIXEL_LIMIT_EXCEEDED);
        assertThat(refused.detail()).contains("100000x100000");
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(4L * 1024 * 1024);
    }

    @Test
    void configuredCapsApplyToEachSideAndToTheArea() {
        // given
        PngDecoder small = new PngDecoder(new DecodeLimits(100, 20));

        // when / then
        assertThat(reasonFor(small, png(grey8(10, 10, (x, y) -> 0)))).isNull();
        assertThat(reasonFor(small, png(grey8(11, 10, (x, y) -> 0)))).isEqualTo(ImagingReason.PIXEL_LIMIT_EXCEEDED);
        assertThat(reasonFor(small, png(grey8(21, 1, (x, y) -> 0)))).isEqualTo(ImagingReason.PIXEL_LIMIT_EXCEEDED);
    }

    private ImagingReason reasonFor(byte[] file) {
        return reasonFor(decoder, file);
    }

    static ImagingReason reasonFor(ImageDecoder decoder, byte[] file) {
        try {
            decoder.decode(file);
            return null;
        } catch (ImagingException e) {
            return e.reason();
        }
    }

    static int[] rgbAt(DecodedImage image, int x) {
        return new int[] {image.sample(x, 0, 0), image.sample(x, 0, 1), image.sample(x, 0, 2)};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
