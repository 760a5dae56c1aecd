package org.imagingtriage.topology.imaging.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.imagingtriage.topology.imaging.TestImages.grey8;
import static org.imagingtriage.topology.imaging.TestImages.jpeg;
import static org.imagingtriage.topology.imaging.decode.PngDecoderTest.reasonFor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.TestImages;
import org.junit.jupiter.api.Test;

class JpegDecoderTest {

    private final JpegDecoder decoder = new JpegDecoder(DecodeLimits.defaults());

    @Test
    void colourJpegDecodesToRgbInRgbOrder() throws Exception {
        // given: a flat orange, which lossy coding keeps within a few levels
        byte[] file = jpeg(TestImages.rgb(16, 16, (x, y) -> 0xff8000));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.RGB);
        assertThat(image.bitsStored()).isEqualTo(8);
        assertThat(image.sample(8, 8, 0)).isBetween(250, 255);
        assertThat(image.sample(8, 8, 1)).isBetween(120, 136);
        assertThat(image.sample(8, 8, 2)).isBetween(0, 6);
    }

    @Test
    void greyscaleJpegDecodesToOneSample() throws Exception {
        // given
        byte[] file = jpeg(grey8(16, 8, (x, y) -> 200));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.MONOCHROME2);
        assertThat(image.width()).isEqualTo(16);
        assertThat(image.sample(3, 3, 0)).isBetween(198, 202);
    }

    @Test
    void metadataSegmentKindsAreCollected() throws Exception {
        // given: a comment, EXIF and XMP, as cameras and editors write them
        byte[] file = jpeg(grey8(8, 8, (x, y) -> 0));
        file = TestImages.insertAfterSoi(file, 0xfe, "Jane Doe, MRN 12345".getBytes(StandardCharsets.US_ASCII));
        file = TestImages.insertAfterSoi(file, 0xe1, "Exif\0\0MM\0*".getBytes(StandardCharsets.US_ASCII));
        file = TestImages.insertAfterSoi(file, 0xe1,
                "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".getBytes(StandardCharsets.US_ASCII));

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.metadataKeys()).contains("COM", "EXIF", "XMP", "JFIF");
    }

    @Test
    void pngBytesDeclaredJpegAreAFormatMismatch() {
        // given
        byte[] png = TestImages.png(grey8(8, 8, (x, y) -> 0));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(png));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.FORMAT_MISMATCH);
        assertThat(refused.detail()).isEqualTo("declared JPEG but the bytes carry a PNG signature");
    }

    @Test
    void truncatedFileIsCorruptRatherThanHalfGrey() {
        // given: ImageIO alone would return an image with the missing half grey
        byte[] file = jpeg(TestImages.rgb(64, 64, (x, y) -> (x * 4 << 16) | (y * 4 << 8) | (x ^ y)));

        // when / then
        assertThat(reasonFor(decoder, Arrays.copyOf(file, file.length / 2))).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(reasonFor(decoder, Arrays.copyOf(file, file.length - 2))).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(reasonFor(decoder, Arrays.copyOf(file, 3))).isEqualTo(ImagingReason.CORRUPT_IMAGE);
    }

    @Test
    void garbageAfterTheSignatureIsCorrupt() {
        // given
        byte[] file = new byte[200];
        Arrays.fill(file, (byte) 0x5a);
        file[0] = (byte) 0xff;
        file[1] = (byte) 0xd8;
        file[2] = (byte) 0xff;

        // when / then
        assertThat(reasonFor(decoder, file)).isEqualTo(ImagingReason.CORRUPT_IMAGE);
    }

    @Test
    void bogusHuffmanTableFailsInImageIoAndIsCorrupt() {
        // given: a well-formed segment structure whose Huffman table claims 16 x 255 codes
        byte[] file = jpeg(grey8(16, 16, (x, y) -> x * 16));
        int dht = TestImages.markerOffset(file, 0xc4);
        Arrays.fill(file, dht + 5, dht + 5 + 16, (byte) 0xff);

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(refused.detail()).startsWith("ImageIO could not decode the JPEG");
    }

    @Test
    void cmykJpegIsRefusedAsAnUnsupportedColourSpace() {
        // given: ImageIO would decode it to raw CMYK samples
        byte[] file = TestImages.cmykJpeg(16, 16);

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_COLOR_SPACE);
        assertThat(refused.detail()).contains("CMYK");
    }

    @Test
    void twelveBitJpegIsRefusedByName() {
        // given: the frame header's precision byte set to 12
        byte[] file = jpeg(grey8(8, 8, (x, y) -> 0));
        file[TestImages.markerOffset(file, 0xc0) + 4] = 12;

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_FORMAT);
        assertThat(refused.detail()).startsWith("12-bit JPEG");
    }

    @Test
    void hugeFrameHeaderIsRefusedWithoutAllocatingItsPixels() throws Exception {
        // given: a real small JPEG whose frame header claims 65000 x 65000
        decoder.decode(jpeg(grey8(8, 8, (x, y) -> 0)));
        byte[] file = jpeg(TestImages.rgb(16, 16, (x, y) -> 0x123456));
        int sof = TestImages.markerOffset(file, 0xc0);
        file[sof + 5] = (byte) 0xfd;
        file[sof + 6] = (byte) 0xe8;
        file[sof + 7] = (byte) 0xfd;
        file[sof + 8] = (byte) 0xe8;
        long before = ThreadAllocation.bytesSoFar();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        long allocated = ThreadAllocation.bytesSoFar() - before;
        assertThat(refused.reason()).isEqualTo(ImagingReason.PIXEL_LIMIT_EXCEEDED);
        assertThat(refused.detail()).contains("65000x65000");
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(4L * 1024 * 1024);
    }
}
