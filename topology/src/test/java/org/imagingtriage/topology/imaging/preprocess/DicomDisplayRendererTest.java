package org.imagingtriage.topology.imaging.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.topology.imaging.preprocess.DicomImages.display;
import static org.imagingtriage.topology.imaging.preprocess.DicomImages.renderRow;
import static org.imagingtriage.topology.imaging.preprocess.DicomImages.rescale;
import static org.imagingtriage.topology.imaging.preprocess.DicomImages.row;
import static org.imagingtriage.topology.imaging.preprocess.DicomImages.signedRow;
import static org.imagingtriage.topology.imaging.preprocess.DicomImages.windowed;

import java.util.List;
import java.util.Optional;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.LookupTable;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.ModalityLut;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiFunction;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiWindow;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.junit.jupiter.api.Test;

/**
 * Expected bytes are the formulas of PS3.3 C.11.2.1.2 and C.11.2.1.3 with ymin 0 and ymax 255,
 * worked by hand and rounded half up.
 */
class DicomDisplayRendererTest {

    private final DicomDisplayRenderer renderer = new DicomDisplayRenderer();

    @Test
    void linearWindowFollowsTheHalfPixelFormulaAtItsEdges() throws Exception {
        // given: c = 100, w = 21, so 0 up to 89.5, 255 above 109.5, else ((x - 99.5) / 20 + 0.5) * 255
        DecodedImage image = row(Photometric.MONOCHROME2, 16, windowed(100, 21, VoiFunction.LINEAR),
                0, 89, 90, 99, 100, 109, 110, 65535);

        // when
        int[] out = renderRow(renderer, image);

        // then: 90 -> 6.375, 99 -> 121.125, 100 -> 133.875, 109 -> 248.625
        assertThat(out).containsExactly(0, 0, 6, 121, 134, 249, 255, 255);
    }

    @Test
    void linearWindowOfWidthOneIsAThresholdAtCentreMinusAHalf() throws Exception {
        // given
        DecodedImage image = row(Photometric.MONOCHROME2, 16, windowed(100, 1, VoiFunction.LINEAR), 99, 100, 101);

        // when / then: 99 <= 99.5 is below the window, 100 > 99.5 above it
        assertThat(renderRow(renderer, image)).containsExactly(0, 255, 255);
    }

    @Test
    void linearExactWindowSpansExactlyCentrePlusMinusHalfTheWidth() throws Exception {
        // given: c = 100, w = 20: 0 up to 90, 255 from 110, else ((x - 100) / 20 + 0.5) * 255
        DecodedImage image = row(Photometric.MONOCHROME2, 16, windowed(100, 20, VoiFunction.LINEAR_EXACT),
                89, 90, 91, 100, 109, 110, 111);

        // when
        int[] out = renderRow(renderer, image);

        // then: 91 -> 12.75, 100 -> 127.5, 109 -> 242.25
        assertThat(out).containsExactly(0, 0, 13, 128, 242, 255, 255);
    }

    @Test
    void sigmoidWindowIsHalfAtTheCentreAndSymmetricAboutIt() throws Exception {
        // given: c = 100, w = 20: 255 / (1 + exp(-4 (x - 100) / 20))
        DecodedImage image = row(Photometric.MONOCHROME2, 16, windowed(100, 20, VoiFunction.SIGMOID),
                0, 95, 100, 105, 200);

        // when
        int[] out = renderRow(renderer, image);

        // then: 95 -> 255 / (1 + e) = 68.58, 105 -> 255 / (1 + 1/e) = 186.42; the tails round to 0 and 255
        assertThat(out).containsExactly(0, 69, 128, 186, 255);
    }

    @Test
    void rescaleSlopeAndInterceptApplyBeforeTheWindow() throws Exception {
        // given: HU = 2 * stored - 1024; window c = 40, w = 80 (LINEAR_EXACT) over HU, on MR so no CT windows
        DicomDisplay display = display("MR", rescale(2, -1024), List.of(new VoiWindow(40, 80)), Optional.empty(),
                VoiFunction.LINEAR_EXACT);
        DecodedImage image = row(Photometric.MONOCHROME2, 12, display, 512, 532, 542, 552);

        // when: HU 0, 40, 60, 80
        int[] out = renderRow(renderer, image);

        // then
        assertThat(out).containsExactly(0, 128, 191, 255);
    }

    @Test
    void modalityLutTableReplacesTheRescale() throws Exception {
        // given: a table mapping stored 0, 1, 2 to 300, 100, 200 (and a rescale that must be ignored)
        ModalityLut lut = new ModalityLut(5, 7, "US", Optional.of(new LookupTable(0, 16, new int[] {300, 100, 200})));
        DicomDisplay display = display("MR", lut, List.of(new VoiWindow(200, 200)), Optional.empty(),
                VoiFunction.LINEAR_EXACT);

        // when
        int[] out = renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 0, 1, 2, 3));

        // then: 300 -> 255, 100 -> 0, 200 -> 127.5, and 3 beyond the table takes its last entry
        assertThat(out).containsExactly(255, 0, 128, 128);
    }

    @Test
    void voiLutIsUsedWithoutAWindowAndScaledByItsBitsPerEntry() throws Exception {
        // given: first mapped 10, 12 bits per entry, entries 0, 4095, 2048
        LookupTable voiLut = new LookupTable(10, 12, new int[] {0, 4095, 2048});
        DicomDisplay display = display("CR", ModalityLut.IDENTITY, List.of(), Optional.of(voiLut), VoiFunction.LINEAR);

        // when
        int[] out = renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 0, 10, 11, 12, 13, 900));

        // then: below the table its first entry, 2048 * 255 / 4095 = 127.53, beyond it the last entry
        assertThat(out).containsExactly(0, 0, 255, 128, 128, 128);
    }

    @Test
    void voiLutIndexesTheModalityValue() throws Exception {
        // given: stored + 10 is the table's input
        LookupTable voiLut = new LookupTable(10, 8, new int[] {0, 255});
        DicomDisplay display = display("CR", rescale(1, 10), List.of(), Optional.of(voiLut), VoiFunction.LINEAR);

        // when / then
        assertThat(renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 0, 1))).containsExactly(0, 255);
    }

    @Test
    void windowWinsOverVoiLut() throws Exception {
        // given
        LookupTable voiLut = new LookupTable(0, 8, new int[] {255, 255});
        DicomDisplay display = display("CR", ModalityLut.IDENTITY, List.of(new VoiWindow(100, 20), new VoiWindow(0, 2)),
                Optional.of(voiLut), VoiFunction.LINEAR_EXACT);

        // when / then: the first window, not the second nor the table
        assertThat(renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 90, 100, 110)))
                .containsExactly(0, 128, 255);
    }

    @Test
    void withoutWindowOrVoiLutTheModalityValuesMinMaxSpanTheOutput() throws Exception {
        // given: modality values 2 * stored - 100: 100, 300, 500
        DicomDisplay display = display("DX", rescale(2, -100), List.of(), Optional.empty(), VoiFunction.LINEAR);

        // when / then
        assertThat(renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 100, 200, 300)))
                .containsExactly(0, 128, 255);
    }

    @Test
    void minMaxFallbackFollowsANegativeSlope() throws Exception {
        // given: modality values -stored, so the largest stored value is the darkest
        DicomDisplay display = display("DX", rescale(-1, 0), List.of(), Optional.empty(), VoiFunction.LINEAR);

        // when / then
        assertThat(renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 100, 200, 300)))
                .containsExactly(255, 128, 0);
    }

    @Test
    void minMaxFallbackThroughATableCountsOnlyValuesPresent() throws Exception {
        // given: stored 1 (entry 1000) never occurs; 0, 2, 3 map to 0, 100, 50
        ModalityLut lut = new ModalityLut(1, 0, "", Optional.of(new LookupTable(0, 16, new int[] {0, 1000, 100, 50})));
        DicomDisplay display = display("DX", lut, List.of(), Optional.empty(), VoiFunction.LINEAR);

        // when / then: the range is 0..100, not 0..1000
        assertThat(renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 0, 2, 3)))
                .containsExactly(0, 255, 128);
    }

    @Test
    void flatImageWithoutWindowIsBlack() throws Exception {
        // given
        DicomDisplay display = display("DX", ModalityLut.IDENTITY, List.of(), Optional.empty(), VoiFunction.LINEAR);

        // when / then
        assertThat(renderRow(renderer, row(Photometric.MONOCHROME2, 16, display, 700, 700))).containsExactly(0, 0);
    }

    @Test
    void monochromeOneIsInvertedAfterTheWindow() throws Exception {
        // given: the LINEAR_EXACT window above, on MONOCHROME1
        DecodedImage image = row(Photometric.MONOCHROME1, 16, windowed(100, 20, VoiFunction.LINEAR_EXACT),
                89, 91, 100, 111);

        // when / then: 255 minus 0, 13, 128, 255
        assertThat(renderRow(renderer, image)).containsExactly(255, 242, 127, 0);
    }

    @Test
    void monochromeOneIsInvertedAfterTheMinMaxFallback() throws Exception {
        // given
        DicomDisplay display = display("CR", ModalityLut.IDENTITY, List.of(), Optional.empty(), VoiFunction.LINEAR);

        // when / then
        assertThat(renderRow(renderer, row(Photometric.MONOCHROME1, 10, display, 0, 1023))).containsExactly(255, 0);
    }

    @Test
    void signedSixteenBitValuesAreWindowedAsNegativeNumbers() throws Exception {
        // given: c = 0, w = 2000, LINEAR_EXACT
        DecodedImage image = signedRow(windowed(0, 2000, VoiFunction.LINEAR_EXACT), -32768, -1000, -500, 0, 1000, 32767);

        // when / then: -500 -> 63.75
        assertThat(renderRow(renderer, image)).containsExactly(0, 0, 64, 128, 255, 255);
    }

    @Test
    void signedSixteenBitMinMaxCoversTheWholeRange() throws Exception {
        // given
        DicomDisplay display = display("MR", ModalityLut.IDENTITY, List.of(), Optional.empty(), VoiFunction.LINEAR);

        // when / then: -1 is 32767 / 65535 of the way, 127.498
        assertThat(renderRow(renderer, signedRow(display, -32768, -1, 32767))).containsExactly(0, 127, 255);
    }

    @Test
    void ctShowsThreeFixedHuWindowsInRedGreenBlueIgnoringTheFilesWindow() throws Exception {
        // given: HU = stored - 1024, and a file window that must not be used
        DicomDisplay display = display("CT", rescale(1, -1024), List.of(new VoiWindow(500, 10)), Optional.empty(),
                VoiFunction.SIGMOID);
        DecodedImage image = row(Photometric.MONOCHROME2, 12, display, 0, 1024, 1064, 1104, 2048, 4095);

        // when: HU -1024, 0, 40, 80, 1024, 3071
        int[] out = renderRow(renderer, image);

        // then: R = 255 (hu + 1024) / 2048, G = 255 (hu + 135) / 350, B = 255 hu / 80, clamped
        assertThat(out).containsExactly(
                0, 0, 0,
                128, 98, 0,      // 127.5, 98.36, 0
                132, 128, 128,   // 132.47, 127.5, 127.5
                137, 157, 255,   // 137.46, 156.64, 255
                255, 255, 255,
                255, 255, 255);
    }

    @Test
    void ctWithSignedStoredValuesNeedsNoRescale() throws Exception {
        // given
        DicomDisplay display = display("CT", ModalityLut.IDENTITY, List.of(), Optional.empty(), VoiFunction.LINEAR);

        // when / then: HU -2000 (outside the scanner's field of view), and -135, the green window's
        // lower bound, where R = 255 * 889 / 2048 = 110.69
        assertThat(renderRow(renderer, signedRow(display, -2000, -135))).containsExactly(0, 0, 0, 111, 0, 0);
    }

    @Test
    void ctWindowsAreStatedAsCentreAndWidth() {
        assertThat(List.of(CtWindows.RED.center(), CtWindows.RED.width(), CtWindows.GREEN.center(),
                CtWindows.GREEN.width(), CtWindows.BLUE.center(), CtWindows.BLUE.width()))
                .containsExactly(0.0, 2048.0, 40.0, 350.0, 40.0, 80.0);
    }

    @Test
    void eightBitRgbDicomIsShownAsItIs() throws Exception {
        // given
        DicomDisplay display = display("XC", ModalityLut.IDENTITY, List.of(new VoiWindow(10, 2)), Optional.empty(),
                VoiFunction.LINEAR);
        DecodedImage image = row(Photometric.RGB, 8, display, 0, 1, 2, 127, 128, 255);

        // when / then: no window applies to colour
        assertThat(renderRow(renderer, image)).containsExactly(0, 1, 2, 127, 128, 255);
    }

    @Test
    void deepRgbDicomIsScaledByBitsStored() throws Exception {
        // given: 12 bits stored
        DicomDisplay display = display("XC", ModalityLut.IDENTITY, List.of(), Optional.empty(), VoiFunction.LINEAR);
        DecodedImage image = row(Photometric.RGB, 12, display, 0, 2048, 4095);

        // when / then: 2048 * 255 / 4095 = 127.53
        assertThat(renderRow(renderer, image)).containsExactly(0, 128, 255);
    }

    @Test
    void dicomRenderingHasItsOwnVersion() throws Exception {
        // given
        DecodedImage image = row(Photometric.MONOCHROME2, 16, windowed(100, 20, VoiFunction.LINEAR), 1, 2);

        // when
        PreprocessedImage out = ImagePreprocessor.defaults().preprocess(image);

        // then
        assertThat(renderer.version(image)).isEqualTo("dicom-voi-v1");
        assertThat(out.preprocessingVersion()).isEqualTo("dicom-voi-v1+letterbox-pillow-v2");
    }
}
