package org.imagingtriage.topology.imaging.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.imagingtriage.topology.imaging.TestImages.grey8;

import java.util.Set;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.TestImages;
import org.junit.jupiter.api.Test;

class DecoderRegistryTest {

    private final DecoderRegistry registry = DecoderRegistry.defaults(DecodeLimits.defaults());

    @Test
    void pngAndJpegAreDecodedByTheirOwnDecoders() throws Exception {
        // given
        byte[] png = TestImages.png(grey8(3, 2, (x, y) -> 9));
        byte[] jpeg = TestImages.jpeg(grey8(8, 8, (x, y) -> 9));

        // when / then
        assertThat(registry.decode(ImageFormat.PNG, png).width()).isEqualTo(3);
        assertThat(registry.decode(ImageFormat.JPEG, jpeg).width()).isEqualTo(8);
    }

    @Test
    void dicomIsDecodedAndItsDecoderCanBeReplaced() throws Exception {
        // given: a DICM prefix and nothing else, so no file meta group
        byte[] dicom = new byte[132];
        dicom[128] = 'D';
        dicom[129] = 'I';
        dicom[130] = 'C';
        dicom[131] = 'M';

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> registry.decode(ImageFormat.DICOM, dicom));
        DecodedImage plugged = registry
                .with(ImageFormat.DICOM, bytes -> new DecodedImage(1, 1, Photometric.MONOCHROME2, 12,
                        new Samples.Shorts(new short[] {4095}, false), Set.of()))
                .decode(ImageFormat.DICOM, dicom);

        // then: the built-in decoder read it and found it broken
        assertThat(registry.supports(ImageFormat.DICOM)).isTrue();
        assertThat(refused.stage()).isEqualTo(Stage.DECODE);
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(plugged.bitsStored()).isEqualTo(12);
    }

    @Test
    void signaturesAreDetected() {
        // given
        byte[] png = TestImages.png(grey8(1, 1, (x, y) -> 0));
        byte[] jpeg = TestImages.jpeg(grey8(1, 1, (x, y) -> 0));

        // when / then
        assertThat(FormatSignatures.detect(png)).contains(ImageFormat.PNG);
        assertThat(FormatSignatures.detect(jpeg)).contains(ImageFormat.JPEG);
        assertThat(FormatSignatures.detect(new byte[] {1, 2, 3})).isEmpty();
    }
}
