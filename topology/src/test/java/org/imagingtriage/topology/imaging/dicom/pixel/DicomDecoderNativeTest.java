package org.imagingtriage.topology.imaging.dicom.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.junit.jupiter.api.Test;

class DicomDecoderNativeTest {

    private final DicomDecoder decoder = new DicomDecoder(DecodeLimits.defaults(), DicomLimits.defaults());

    @Test
    void unsigned12BitValuesAreMaskedToTheirStoredBits() throws Exception {
        // given: the top nibble holds overlay bits that are not part of the value
        byte[] file = PixelFiles.grey(1, 3, 16, 12).pixelWords(0xF000 | 4095, 0x1000 | 7, 0).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.samples()).isInstanceOf(Samples.Shorts.class);
        assertThat(image.bitsStored()).isEqualTo(12);
        assertThat(values(image)).containsExactly(4095, 7, 0);
    }

    @Test
    void signedValuesAreSignExtendedFromTheirHighBit() throws Exception {
        // given: 12 bits stored in 16, two's complement -1 and -2048 with garbage above
        byte[] file = PixelFiles.grey(1, 3, 16, 12).us(Tag.PixelRepresentation, 1)
                .pixelWords(0x0FFF, 0xF800, 2047).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(((Samples.Shorts) image.samples()).signed()).isTrue();
        assertThat(values(image)).containsExactly(-1, -2048, 2047);
    }

    @Test
    void highBitBelowTheTopShiftsTheValueDown() throws Exception {
        // given: 8 bits stored at bits 4..11
        byte[] file = PixelFiles.grey(1, 2, 16, 8).us(Tag.HighBit, 11).pixelWords(0xFF0, 0x010).file();

        // when / then
        assertThat(values(decoder.decode(file))).containsExactly(255, 1);
    }

    @Test
    void signed8BitValuesBecomeSignedShorts() throws Exception {
        // given
        byte[] file = PixelFiles.grey(1, 2, 8, 8).us(Tag.PixelRepresentation, 1)
                .pixelBytes(new byte[] {(byte) 0xFF, 0x7F}).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.samples()).isInstanceOf(Samples.Shorts.class);
        assertThat(values(image)).containsExactly(-1, 127);
    }

    @Test
    void planarConfigurationOneIsInterleaved() throws Exception {
        // given: two pixels, R plane, G plane, B plane
        byte[] file = PixelFiles.colour(1, 2, "RGB").us(Tag.PlanarConfiguration, 1)
                .pixelBytes(new byte[] {1, 2, 3, 4, 5, 6}).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.RGB);
        assertThat(values(image)).containsExactly(1, 3, 5, 2, 4, 6);
    }

    @Test
    void ybrFullBecomesRgb() throws Exception {
        // given: grey (Cb = Cr = 128) and pure Cr
        byte[] file = PixelFiles.colour(1, 2, "YBR_FULL")
                .pixelBytes(new byte[] {100, (byte) 128, (byte) 128, 76, 85, (byte) 255}).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then: 76 + 1.402 * 127 = 254, 76 - 0.344 * -43 - 0.714 * 127 = 0 (clamped), 76 + 1.772 * -43 = 0
        assertThat(values(image)).containsExactly(100, 100, 100, 254, 0, 0);
    }

    @Test
    void nativeYbrFull422SharesChromaBetweenPairs() throws Exception {
        // given: Y1 Y2 Cb Cr
        byte[] file = PixelFiles.colour(1, 2, "YBR_FULL_422").pixelBytes(new byte[] {10, 20, (byte) 128,
                (byte) 128}).file();

        // when / then
        assertThat(values(decoder.decode(file))).containsExactly(10, 10, 10, 20, 20, 20);
    }

    @Test
    void paletteColourLooksUpEachIndex() throws Exception {
        // given: 3 entries of 16 bits starting at index 1; index 0 clamps to the first entry
        byte[] file = PixelFiles.grey(1, 3, 8, 8).text(Tag.PhotometricInterpretation, "CS", "PALETTE COLOR")
                .us(Tag.RedPaletteColorLookupTableDescriptor, 3, 1, 16)
                .us(Tag.GreenPaletteColorLookupTableDescriptor, 3, 1, 16)
                .us(Tag.BluePaletteColorLookupTableDescriptor, 3, 1, 16)
                .words(Tag.RedPaletteColorLookupTableData, 100, 200, 300)
                .words(Tag.GreenPaletteColorLookupTableData, 1, 2, 3)
                .words(Tag.BluePaletteColorLookupTableData, 0xFFFF, 0, 0)
                .pixelBytes(new byte[] {0, 2, 9}).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.RGB);
        assertThat(image.bitsStored()).isEqualTo(16);
        assertThat(values(image)).containsExactly(100, 1, 0xFFFF, 200, 2, 0, 300, 3, 0);
    }

    @Test
    void eightBitPaletteGivesEightBitRgb() throws Exception {
        // given
        PixelFiles files = PixelFiles.grey(1, 2, 8, 8).text(Tag.PhotometricInterpretation, "CS", "PALETTE COLOR");
        for (int[] tags : new int[][] {
            {Tag.RedPaletteColorLookupTableDescriptor, Tag.RedPaletteColorLookupTableData},
            {Tag.GreenPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableData},
            {Tag.BluePaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableData}}) {
            files.us(tags[0], 2, 0, 8).words(tags[1], 7, 9);
        }

        // when
        DecodedImage image = decoder.decode(files.pixelBytes(new byte[] {1, 0}).file());

        // then
        assertThat(image.samples()).isInstanceOf(Samples.Bytes.class);
        assertThat(values(image)).containsExactly(9, 9, 9, 7, 7, 7);
    }

    @Test
    void oneBitPixelsUnpackLeastSignificantBitFirst() throws Exception {
        // given
        byte[] file = PixelFiles.grey(2, 5, 1, 1).pixelBytes(new byte[] {(byte) 0b1000_0101, 0b0000_0010})
                .file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.bitsStored()).isEqualTo(1);
        assertThat(values(image)).containsExactly(1, 0, 1, 0, 0, 0, 0, 1, 0, 1);
    }

    @Test
    void monochrome1IsKept() throws Exception {
        // given
        byte[] file = PixelFiles.grey(1, 1, 8, 8).text(Tag.PhotometricInterpretation, "CS", "MONOCHROME1")
                .pixelBytes(new byte[] {5, 0}).file();

        // when / then
        assertThat(decoder.decode(file).photometric()).isEqualTo(Photometric.MONOCHROME1);
    }

    @Test
    void framePolicyPicksTheMiddleOrTheFirstFrame() throws Exception {
        // given: five 1x1 frames holding their own index
        byte[] file = PixelFiles.grey(1, 1, 16, 16).text(Tag.NumberOfFrames, "IS", "5")
                .pixelWords(0, 1, 2, 3, 4).file();
        DicomDecoder first = new DicomDecoder(DecodeLimits.defaults(), DicomLimits.defaults(), FramePolicy.FIRST);

        // when / then
        assertThat(values(decoder.decode(file))).containsExactly(2);
        assertThat(values(first.decode(file))).containsExactly(0);
    }

    @Test
    void displayAttributesCarryUsableValuesOnly() throws Exception {
        // given: a zero slope and a zero-width window are unusable
        byte[] file = PixelFiles.grey(1, 1, 16, 16).text(Tag.WindowCenter, "DS", "40\\300")
                .text(Tag.WindowWidth, "DS", "400\\0").text(Tag.RescaleIntercept, "DS", "-1024")
                .text(Tag.RescaleSlope, "DS", "0").text(Tag.VOILUTFunction, "CS", "SIGMOID").pixelWords(0).file();

        // when
        DicomDisplay display = decoder.decode(file).dicomDisplay().orElseThrow();

        // then
        assertThat(display.modality()).isEqualTo("CT");
        assertThat(display.windows()).containsExactly(new DicomDisplay.VoiWindow(40, 400));
        assertThat(display.modalityLut()).isEqualTo(DicomDisplay.ModalityLut.IDENTITY);
        assertThat(display.voiFunction()).isEqualTo(DicomDisplay.VoiFunction.SIGMOID);
    }

    @Test
    void thirtyTwoBitGreyWithinSixteenBitsOfRangeIsOffsetExactlyAndTheRescaleFollows() throws Exception {
        // given: values around a million, spanning exactly 65,535
        byte[] file = PixelFiles.grey(1, 3, 32, 32).pixelInts(1_000_000, 1_000_005, 1_065_535).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.bitsStored()).isEqualTo(16);
        assertThat(values(image)).containsExactly(0, 5, 65_535);
        DicomDisplay.ModalityLut modality = image.dicomDisplay().orElseThrow().modalityLut();
        assertThat(modality.slope()).isEqualTo(1.0);
        assertThat(modality.intercept()).isEqualTo(1_000_000.0);
    }

    @Test
    void thirtyTwoBitGreyWiderThanSixteenBitsIsScaledAndModalityValuesAreKept() throws Exception {
        // given: unsigned values up to four billion, and a dose-like rescale of 1e-6
        byte[] file = PixelFiles.grey(1, 3, 32, 32).text(Tag.RescaleSlope, "DS", "0.000001")
                .pixelInts(0, 2_000_000_000, (int) 4_000_000_000L).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then: 0, the midpoint rounded half up, the top
        assertThat(values(image)).containsExactly(0, 32_768, 65_535);
        DicomDisplay.ModalityLut modality = image.dicomDisplay().orElseThrow().modalityLut();
        assertThat(modality.slope() * 65_535 + modality.intercept()).isCloseTo(4000.0, within(1e-9));
        assertThat(modality.slope() * 32_768 + modality.intercept()).isCloseTo(2000.0, within(4000.0 / 65_535));
    }

    @Test
    void signedThirtyTwoBitGreyIsOffsetByItsMinimum() throws Exception {
        // given
        byte[] file = PixelFiles.grey(1, 2, 32, 32).us(Tag.PixelRepresentation, 1).pixelInts(-5, 10).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(values(image)).containsExactly(0, 15);
        assertThat(image.dicomDisplay().orElseThrow().modalityLut().intercept()).isEqualTo(-5.0);
    }

    @Test
    void thirtyTwoBitRgbKeepsTheTopSixteenBitsOfEachSample() throws Exception {
        // given
        byte[] file = PixelFiles.colour(1, 1, "RGB").us(Tag.BitsAllocated, 32).us(Tag.BitsStored, 32)
                .us(Tag.HighBit, 31).pixelInts(0xFFFF_0000, 0x0001_0000, 0x0000_FFFF).file();

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat(image.photometric()).isEqualTo(Photometric.RGB);
        assertThat(image.bitsStored()).isEqualTo(16);
        assertThat(values(image)).containsExactly(0xFFFF, 1, 0);
    }

    @Test
    void thirtyTwoBitSamplesGetHalfThePixelCap() {
        // given: 5000x5000 is within the 40-megapixel cap for narrower samples, not for 32-bit ones
        byte[] file = PixelFiles.grey(5000, 5000, 32, 32).pixelInts(0).file();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PIXEL_LIMIT_EXCEEDED);
        assertThat(refused.detail()).contains("32-bit").contains("20000000");
    }

    @Test
    void thirtyTwoBitYbrIsRefusedByName() {
        // given
        byte[] file = PixelFiles.colour(1, 1, "YBR_FULL").us(Tag.BitsAllocated, 32).us(Tag.BitsStored, 32)
                .us(Tag.HighBit, 31).pixelInts(0, 0, 0).file();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_FORMAT);
        assertThat(refused.detail()).contains("32-bit").contains("YBR_FULL");
    }

    @Test
    void unknownPhotometricIsAnUnsupportedColourSpace() {
        // given
        byte[] file = PixelFiles.grey(1, 1, 8, 8).text(Tag.PhotometricInterpretation, "CS", "CMYK")
                .pixelBytes(new byte[] {0, 0}).file();

        // when / then
        assertThat(catchThrowableOfType(ImagingException.class, () -> decoder.decode(file)).reason())
                .isEqualTo(ImagingReason.UNSUPPORTED_COLOR_SPACE);
    }

    @Test
    void pixelDataShorterThanTheFrameIsCorrupt() {
        // given: 2x2 16-bit needs 8 bytes
        byte[] file = PixelFiles.grey(2, 2, 16, 16).pixelWords(1, 2).file();

        // when / then
        assertThat(catchThrowableOfType(ImagingException.class, () -> decoder.decode(file)).reason())
                .isEqualTo(ImagingReason.CORRUPT_IMAGE);
    }

    static int[] values(DecodedImage image) {
        int[] values = new int[image.samples().length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = image.samples().get(i);
        }
        return values;
    }
}
