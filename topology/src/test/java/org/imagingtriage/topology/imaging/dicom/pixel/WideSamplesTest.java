package org.imagingtriage.topology.imaging.dicom.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.LookupTable;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.ModalityLut;
import org.junit.jupiter.api.Test;

class WideSamplesTest {

    private static final ImageDescriptor GREY = new ImageDescriptor(1, 2, 1, 32, 32, 0, false, false,
            PhotometricInterpretation.MONOCHROME2, 1);

    @Test
    void aModalityLutTableOnThirtyTwoBitsIsRefused() {
        // given: a table indexed by the 32-bit values themselves
        ModalityLut table = new ModalityLut(1.0, 0.0, "", Optional.of(new LookupTable(0, 16, new int[] {0, 1})));
        DicomDisplay display = new DicomDisplay("RTDOSE", table, List.of(), Optional.empty(),
                DicomDisplay.VoiFunction.LINEAR);

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> WideSamples.reduce(GREY, new int[] {0, 1}, display));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_FORMAT);
        assertThat(refused.detail()).contains("Modality LUT");
    }

    @Test
    void windowsAndVoiFunctionAreKeptWhileTheRescaleIsAdjusted() throws Exception {
        // given
        DicomDisplay display = new DicomDisplay("RTDOSE", new ModalityLut(2.0, 3.0, "GY", Optional.empty()),
                List.of(new DicomDisplay.VoiWindow(50, 20)), Optional.empty(), DicomDisplay.VoiFunction.SIGMOID);

        // when
        WideSamples.Reduced reduced = WideSamples.reduce(GREY, new int[] {100, 110}, display);

        // then: 2 * (100 + s) + 3 == 2 * s + 203, as before
        assertThat(reduced.display().modalityLut()).isEqualTo(new ModalityLut(2.0, 203.0, "GY", Optional.empty()));
        assertThat(reduced.display().windows()).isEqualTo(display.windows());
        assertThat(reduced.display().voiFunction()).isEqualTo(DicomDisplay.VoiFunction.SIGMOID);
        assertThat(reduced.samples().get(0)).isZero();
        assertThat(reduced.samples().get(1)).isEqualTo(10);
    }
}
