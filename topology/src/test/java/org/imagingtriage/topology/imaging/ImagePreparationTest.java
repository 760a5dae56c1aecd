package org.imagingtriage.topology.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecoderRegistry;
import org.imagingtriage.topology.imaging.deid.DeidentificationGate;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy;
import org.imagingtriage.topology.imaging.preprocess.ImagePreprocessor;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.imaging.resolve.ImageResolver;
import org.imagingtriage.topology.imaging.resolve.ResolverLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePreparationTest {

    @TempDir
    Path root;

    @Test
    void referencedPngBecomesTheModelTensor() throws Exception {
        // given
        byte[] png = TestImages.png(TestImages.grey8(1000, 500, (x, y) -> 200));
        Files.write(root.resolve("cxr.png"), png);
        ImageEvent event = TestImages.event(ImageFormat.PNG,
                new ImageRef(root.resolve("cxr.png").toUri().toString(), sha256(png), (long) png.length)).build();

        // when
        PreprocessedImage prepared = preparation(ImageResolver.withFileRoot(ResolverLimits.defaults(), root))
                .prepare(event);

        // then
        assertThat(prepared.geometry().contentHeight()).isEqualTo(448);
        assertThat(prepared.pixel(448, 448, 0)).isEqualTo(200);
        assertThat(prepared.pixel(448, 100, 0)).isZero();
        assertThat(prepared.inputSha256()).isEqualTo(sha256(prepared.pixels()));
    }

    @Test
    void eventCarryingIdentityIsRefusedBeforeItsImageIsFetched() throws Exception {
        // given: a reference that would fail if anything tried to fetch it
        ImageEvent event = TestImages.event(ImageFormat.PNG,
                new ImageRef(root.resolve("absent.png").toUri().toString(), sha256(new byte[1]), 1L))
                .setAttributes(Map.of("PatientID", "12345")).build();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> preparation(ImageResolver.withFileRoot(ResolverLimits.defaults(), root)).prepare(event));

        // then
        assertThat(refused.stage()).isEqualTo(Stage.DEIDENTIFICATION);
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_ATTRIBUTES);
    }

    @Test
    void imageMetadataIsCheckedAfterDecoding() {
        // given
        byte[] png = TestImages.insertBeforeIend(TestImages.png(TestImages.grey8(4, 4, (x, y) -> 0)),
                TestImages.textChunk("Comment", "scanned for J. Doe"));
        ImageEvent event = TestImages.event(ImageFormat.PNG, TestImages.inline(png)).build();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> preparation(ImageResolver.inlineOnly(ResolverLimits.defaults())).prepare(event));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_IMAGE_METADATA);
        assertThat(refused.detail()).doesNotContain("Doe");
    }

    @Test
    void dicomIsRefusedAsUnsupportedForNow() {
        // given
        byte[] dicom = new byte[132];
        System.arraycopy("DICM".getBytes(), 0, dicom, 128, 4);
        ImageEvent event = TestImages.event(ImageFormat.DICOM, TestImages.inline(dicom)).build();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> preparation(ImageResolver.inlineOnly(ResolverLimits.defaults())).prepare(event));

        // then
        assertThat(refused.stage()).isEqualTo(Stage.DECODE);
        assertThat(refused.reasonCode()).isEqualTo("UNSUPPORTED_FORMAT");
    }

    private static ImagePreparation preparation(ImageResolver resolver) {
        return new ImagePreparation(resolver, DecoderRegistry.defaults(DecodeLimits.defaults()),
                new DeidentificationGate(DeidentificationPolicy.defaults()), ImagePreprocessor.defaults());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
