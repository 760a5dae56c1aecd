package org.imagingtriage.topology.imaging.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.LookupTable;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.ModalityLut;
import org.junit.jupiter.api.Test;

/** The unrounded functions at the edges PS3.3 C.11.2.1.2 and C.11.2.1.3 define. */
class WindowFunctionsTest {

    private static final double EXACT = 1e-9;

    @Test
    void linearIsZeroUpToItsLowerEdgeAndFullAboveItsUpperEdge() {
        // given: c = 50, w = 11: edges at 50 - 0.5 -+ 5, i.e. 44.5 and 54.5
        VoiTransform linear = WindowFunctions.linear(50, 11);

        // when / then
        assertThat(linear.apply(44.0)).isEqualTo(0.0);
        assertThat(linear.apply(44.5)).isEqualTo(0.0);
        assertThat(linear.apply(44.5 + 1e-9)).isCloseTo(0.0, within(1e-6));
        assertThat(linear.apply(49.5)).isCloseTo(127.5, within(EXACT));
        assertThat(linear.apply(50.0)).isCloseTo(140.25, within(EXACT));
        assertThat(linear.apply(54.5)).isCloseTo(255.0, within(EXACT));
        assertThat(linear.apply(54.5 + 1e-9)).isEqualTo(255.0);
    }

    @Test
    void linearExactIsZeroAtCentreMinusHalfWidthAndFullAtCentrePlusHalfWidth() {
        // given
        VoiTransform exact = WindowFunctions.linearExact(50, 10);

        // when / then
        assertThat(exact.apply(45.0)).isEqualTo(0.0);
        assertThat(exact.apply(46.0)).isCloseTo(25.5, within(EXACT));
        assertThat(exact.apply(50.0)).isCloseTo(127.5, within(EXACT));
        assertThat(exact.apply(55.0)).isCloseTo(255.0, within(EXACT));
        assertThat(exact.apply(56.0)).isEqualTo(255.0);
    }

    @Test
    void sigmoidIsHalfAtTheCentreAndApproachesTheEnds() {
        // given
        VoiTransform sigmoid = WindowFunctions.sigmoid(50, 10);

        // when / then: at c +- w/4 the exponent is -+1
        assertThat(sigmoid.apply(50.0)).isCloseTo(127.5, within(EXACT));
        assertThat(sigmoid.apply(52.5)).isCloseTo(255 / (1 + Math.exp(-1)), within(EXACT));
        assertThat(sigmoid.apply(47.5)).isCloseTo(255 / (1 + Math.E), within(EXACT));
        assertThat(sigmoid.apply(-1e6)).isCloseTo(0.0, within(EXACT));
        assertThat(sigmoid.apply(1e6)).isCloseTo(255.0, within(EXACT));
    }

    @Test
    void minMaxMapsTheEndsAndIsFlatBlackWithoutARange() {
        assertThat(WindowFunctions.minMax(-100, 300).apply(100)).isEqualTo(127.5);
        assertThat(WindowFunctions.minMax(-100, 300).apply(-500)).isEqualTo(0.0);
        assertThat(WindowFunctions.minMax(7, 7).apply(7)).isEqualTo(0.0);
    }

    @Test
    void voiLutClampsExtremeModalityValuesWithoutOverflow() {
        // given: a table starting at a negative value
        VoiLutTransform lut = new VoiLutTransform(new LookupTable(-5, 8, new int[] {10, 20, 255}));

        // when / then
        assertThat(lut.apply(-1e300)).isEqualTo(10.0);
        assertThat(lut.apply(-4.4)).isEqualTo(20.0);
        assertThat(lut.apply(1e300)).isEqualTo(255.0);
    }

    @Test
    void rescaleGivesHounsfieldUnits() {
        // given
        ModalityTransform rescale = ModalityTransform.of(new ModalityLut(1, -1024, "HU", Optional.empty()));

        // when / then
        assertThat(rescale.apply(0)).isEqualTo(-1024.0);
        assertThat(rescale.apply(1064)).isEqualTo(40.0);
    }
}
