package org.imagingtriage.devstack.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Priority;
import org.junit.jupiter.api.Test;

class SampleImageTest {

    @Test
    void namesTheFileAndItsSidecarAfterTheFormat() {
        SampleImage png = sample("chest-cr-01", ImageFormat.PNG, PixelType.GREY_16);
        SampleImage jpeg = sample("knee-dx-04", ImageFormat.JPEG, PixelType.GREY_8);

        assertThat(png.fileName()).isEqualTo("chest-cr-01.png");
        assertThat(png.sidecarFileName()).isEqualTo("chest-cr-01.png.json");
        assertThat(jpeg.fileName()).isEqualTo("knee-dx-04.jpg");
        assertThat(sample("head-ct-09", ImageFormat.DICOM, PixelType.GREY_16).fileName()).isEqualTo("head-ct-09.dcm");
    }

    @Test
    void refusesWhatThePipelineCouldNotDecodeOrAFolderCouldNotHold() {
        assertThatThrownBy(() -> sample("deep", ImageFormat.JPEG, PixelType.GREY_16))
                .hasMessageContaining("8-bit");
        assertThatThrownBy(() -> sample("colour-dicom", ImageFormat.DICOM, PixelType.RGB_8))
                .hasMessageContaining("DICOM samples are 16-bit greyscale");
        assertThatThrownBy(() -> sample("../escape", ImageFormat.PNG, PixelType.GREY_8))
                .hasMessageContaining("name");
    }

    private static SampleImage sample(String name, ImageFormat format, PixelType pixelType) {
        return new SampleImage(name, format, "CR", "CHEST", Priority.ROUTINE, 64, 64, pixelType,
                Phantom.CHEST_RADIOGRAPH, 1);
    }
}
