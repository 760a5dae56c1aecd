package org.imagingtriage.topology.review.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.dicom.pixel.PixelFiles;
import org.imagingtriage.topology.pipeline.ImagingStages;
import org.imagingtriage.topology.review.web.DraftImageSource.ImageAnswer;
import org.junit.jupiter.api.Test;

class DraftImagesTest {

    private static final String SOP = "1.2.826.0.1.3680043.8.498.1";
    /** For requests refused before any pixel is rendered. */
    private static final String ANY_HASH = "0".repeat(64);
    private final ImagingStages imaging = ImagingStages.from(LimitSettings.defaults());

    @Test
    void anInlinePngEventBecomesTheModelsSquareInputAsPng() throws IOException {
        // given the event a draft was made from
        ImageEvent event = chestPng().build();
        DraftImages images = new DraftImages((sop, id) -> Optional.of(event), imaging);

        // when
        ImageAnswer answer = images.image(SOP, event.getEventId(), inputHash(event));

        // then
        assertThat(answer.png()).isPresent();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(answer.png().get()));
        assertThat(png.getWidth()).isEqualTo(896);
        assertThat(png.getHeight()).isEqualTo(896);
    }

    @Test
    void anImageThatIsNotExactlyTheModelsInputIsNotShown() {
        // given an event whose rebuilt input hashes otherwise than the draft says (other limits or version)
        ImageEvent event = chestPng().build();

        // when
        ImageAnswer answer = new DraftImages((sop, id) -> Optional.of(event), imaging)
                .image(SOP, event.getEventId(), ANY_HASH);

        // then
        assertThat(answer.png()).isEmpty();
        assertThat(answer.reason()).isEqualTo(DraftImages.INPUT_MISMATCH);
    }

    @Test
    void anEventTheGateRefusesIsNeverRenderedOnlyItsReasonIsReturned() {
        // given an event whose feed does not assert de-identification, and one with an identifying attribute
        ImageEvent unasserted = chestPng().setDeidentification(new Deidentification(false, "none")).build();
        ImageEvent identified = chestPng().setEventId(UUID.randomUUID())
                .setAttributes(java.util.Map.of("PatientName", "x")).build();

        // when
        ImageAnswer first = new DraftImages((sop, id) -> Optional.of(unasserted), imaging)
                .image(SOP, unasserted.getEventId(), ANY_HASH);
        ImageAnswer second = new DraftImages((sop, id) -> Optional.of(identified), imaging)
                .image(SOP, identified.getEventId(), ANY_HASH);

        // then
        assertThat(first.png()).isEmpty();
        assertThat(first.reason()).isEqualTo(ImagingReason.DEIDENTIFICATION_NOT_ASSERTED.name());
        assertThat(second.png()).isEmpty();
        assertThat(second.reason()).isEqualTo(ImagingReason.PHI_IN_ATTRIBUTES.name());
    }

    @Test
    void anImageWithIdentifyingMetadataIsRefusedByTheImageHalfOfTheGate() {
        // given a PNG whose text chunk names an author
        byte[] png = TestImages.insertBeforeIend(TestImages.png(TestImages.grey8(64, 64, (x, y) -> x)),
                TestImages.textChunk("Author", "Jane Doe"));
        ImageEvent event = TestImages.event(ImageFormat.PNG, TestImages.inline(png)).build();

        // when
        ImageAnswer answer = new DraftImages((sop, id) -> Optional.of(event), imaging)
                .image(SOP, event.getEventId(), ANY_HASH);

        // then
        assertThat(answer.png()).isEmpty();
        assertThat(answer.reason()).isEqualTo(ImagingReason.PHI_IN_IMAGE_METADATA.name());
    }

    @Test
    void aDicomHeaderDeclaringBurnedInTextIsRefusedButADeidentifiedDicomIsShown() {
        // given two de-identified DICOM files, one declaring text burned into its pixels
        byte[] burnedIn = PixelFiles.grey(2, 2, 8, 8).text(Tag.PatientIdentityRemoved, "CS", "YES")
                .pixelBytes(new byte[4]).text(Tag.BurnedInAnnotation, "CS", "YES").file();
        byte[] clean = PixelFiles.grey(2, 2, 8, 8).text(Tag.PatientIdentityRemoved, "CS", "YES")
                .pixelBytes(new byte[] {0, 60, 120, (byte) 250}).file();
        ImageEvent refused = TestImages.event(ImageFormat.DICOM, TestImages.inline(burnedIn)).build();
        ImageEvent shown = TestImages.event(ImageFormat.DICOM, TestImages.inline(clean))
                .setEventId(UUID.randomUUID()).build();

        // when
        ImageAnswer first = new DraftImages((sop, id) -> Optional.of(refused), imaging)
                .image(SOP, refused.getEventId(), ANY_HASH);
        ImageAnswer second = new DraftImages((sop, id) -> Optional.of(shown), imaging)
                .image(SOP, shown.getEventId(), inputHash(shown));

        // then
        assertThat(first.png()).isEmpty();
        assertThat(first.reason()).isEqualTo(ImagingReason.BURNED_IN_ANNOTATION.name());
        assertThat(second.png()).isPresent();
    }

    @Test
    void aMissingEventAndAnUndecodableImageAreRefusedWithTheirReasons() {
        // given
        ImageEvent corrupt = TestImages.event(ImageFormat.PNG, TestImages.inline(new byte[] {1, 2, 3})).build();

        // when
        ImageAnswer missing = new DraftImages((sop, id) -> Optional.empty(), imaging)
                .image(SOP, UUID.randomUUID(), ANY_HASH);
        ImageAnswer undecodable = new DraftImages((sop, id) -> Optional.of(corrupt), imaging)
                .image(SOP, corrupt.getEventId(), ANY_HASH);

        // then
        assertThat(missing.reason()).isEqualTo(DraftImages.NOT_FOUND);
        assertThat(undecodable.png()).isEmpty();
        assertThat(undecodable.reason()).isNotBlank().isNotEqualTo(DraftImages.NOT_FOUND);
    }

    @Test
    void aRenderedImageIsServedFromTheCacheWithoutFetchingAgain() {
        // given
        ImageEvent event = chestPng().build();
        AtomicInteger fetches = new AtomicInteger();
        DraftImages images = new DraftImages((sop, id) -> {
            fetches.incrementAndGet();
            return Optional.of(event);
        }, imaging);

        // when
        ImageAnswer first = images.image(SOP, event.getEventId(), inputHash(event));
        ImageAnswer second = images.image(SOP, event.getEventId(), inputHash(event));

        // then
        assertThat(second.png()).isPresent();
        assertThat(second.png().get()).isEqualTo(first.png().get());
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aRefusalIsRememberedSoReopeningTheDraftDoesNotRenderAgain() {
        // given an event the gate refuses
        ImageEvent refused = chestPng().setDeidentification(new Deidentification(false, "none")).build();
        AtomicInteger fetches = new AtomicInteger();
        DraftImages images = new DraftImages((sop, id) -> {
            fetches.incrementAndGet();
            return Optional.of(refused);
        }, imaging);

        // when
        images.image(SOP, refused.getEventId(), ANY_HASH);
        ImageAnswer again = images.image(SOP, refused.getEventId(), ANY_HASH);

        // then
        assertThat(again.reason()).isEqualTo(ImagingReason.DEIDENTIFICATION_NOT_ASSERTED.name());
        assertThat(again.busy()).isFalse();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void rendersBeyondTheCapAreRefusedAsBusyRatherThanQueued() throws InterruptedException {
        // given fetches that block until released, filling every render slot
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(DraftImages.MAX_RENDERS);
        ImageEvent event = chestPng().build();
        DraftImages images = new DraftImages((sop, id) -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(event);
        }, imaging);
        Thread[] busy = new Thread[DraftImages.MAX_RENDERS];
        for (int i = 0; i < busy.length; i++) {
            UUID id = UUID.randomUUID();
            busy[i] = new Thread(() -> images.image(SOP, id, ANY_HASH));
            busy[i].start();
        }
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        // when one more arrives
        ImageAnswer refused = images.image(SOP, UUID.randomUUID(), ANY_HASH);

        // then
        release.countDown();
        for (Thread thread : busy) {
            thread.join(30_000);
        }
        assertThat(refused.reason()).isEqualTo(DraftImages.BUSY);
        assertThat(refused.busy()).isTrue();
    }

    /** The model input's hash, as the pipeline put it in the draft's provenance. */
    private String inputHash(ImageEvent event) {
        try {
            DecodedImage decoded = imaging.decoders().decode(event.getFormat(), imaging.resolver().resolve(event));
            return imaging.preprocessor().preprocess(decoded).inputSha256();
        } catch (ImagingException e) {
            throw new AssertionError("the sample does not render", e);
        }
    }

    private static ImageEvent.Builder chestPng() {
        BufferedImage chest = TestImages.grey8(320, 256, (x, y) -> (x * 7 + y * 3) & 0xFF);
        return TestImages.event(ImageFormat.PNG, TestImages.inline(TestImages.png(chest)));
    }
}
