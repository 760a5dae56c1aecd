package org.imagingtriage.topology.imaging.dicom.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.dicom.DicomFile;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.DicomReader;
import org.imagingtriage.topology.imaging.dicom.EncapsulatedPixelData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenJPEG through JNA on untrusted codestreams, behind the Java SIZ check: a frame pydicom's
 * corpus holds decodes, and a codestream that disagrees with its header, declares a tile bomb,
 * is not a codestream, or is damaged anywhere is a CORRUPT_IMAGE refusal, never another exception
 * or a crashed JVM. Values are compared with
 * pydicom's in {@code PydicomPixelCorpusTest}. Needs libopenjp2 (scripts/test installs
 * libopenjp2-7) and pydicom's corpus.
 */
class OpenJpegFramesTest {

    private static final Path CT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/693_J2KI.dcm");

    private OpenJpegFrames decoder;
    private ImageDescriptor image;
    private byte[] codestream;

    @BeforeEach
    void readCorpusFrame() throws Exception {
        assumeTrue(OpenJpegLibrary.load().isPresent(), "libopenjp2 is absent: install libopenjp2-7 (scripts/test does)");
        assumeTrue(Files.isRegularFile(CT), "pydicom's corpus is absent: install python3-pydicom (scripts/test does)");
        decoder = new OpenJpegFrames(OpenJpegLibrary.load().orElseThrow());
        DicomFile file = new DicomReader(DicomLimits.defaults()).read(Files.readAllBytes(CT));
        image = ImageDescriptor.of(file);
        codestream = EncapsulatedFrames.frame((EncapsulatedPixelData) file.pixelData().orElseThrow(), 1, 0);
    }

    @Test
    void aCtFrameDecodesToItsRowsAndColumns() throws Exception {
        // when
        Samples samples = decoder.decode(image, codestream);

        // then
        assertThat(samples).isInstanceOf(Samples.Shorts.class);
        assertThat(samples.length()).isEqualTo(512 * 512);
        assertThat(CompressedFrames.jpeg2000Decoder()).isEqualTo("OpenJPEG");
    }

    @Test
    void aCodestreamLargerThanTheHeaderSaysIsRefusedBeforeDecoding() {
        // given: Rows and Columns claim 256x256
        ImageDescriptor smaller = new ImageDescriptor(256, 256, 1, 16, 14, 0, true, false,
                PhotometricInterpretation.MONOCHROME2, 1);

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(smaller, codestream));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(refused.detail()).contains("512x512 where Rows and Columns say 256x256");
    }

    @Test
    void aTinyCodestreamDeclaringThousandsOfTilesIsRefusedBeforeAnyDecoderSeesIt() {
        // given: the CT's own SIZ with one-pixel tiles, 262,144 of them
        byte[] bomb = codestream.clone();
        bomb[24] = 0;
        bomb[25] = 0;
        bomb[26] = 0;
        bomb[27] = 1;
        bomb[28] = 0;
        bomb[29] = 0;
        bomb[30] = 0;
        bomb[31] = 1;

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> Jpeg2000Header.check(image, bomb));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(refused.detail()).contains("262144 tiles");
    }

    @Test
    void aSizThatDisagreesWithTheDicomHeaderIsRefused() {
        // given: Rows and Columns claim 256x256, and a second sample per pixel
        ImageDescriptor smaller = new ImageDescriptor(256, 256, 1, 16, 14, 0, true, false,
                PhotometricInterpretation.MONOCHROME2, 1);
        ImageDescriptor colour = new ImageDescriptor(512, 512, 3, 16, 14, 0, false, false,
                PhotometricInterpretation.RGB, 1);

        // when / then
        assertThat(catchThrowableOfType(ImagingException.class, () -> Jpeg2000Header.check(smaller, codestream))
                .detail()).contains("512x512 where Rows and Columns say 256x256");
        assertThat(catchThrowableOfType(ImagingException.class, () -> Jpeg2000Header.check(colour, codestream))
                .detail()).contains("1 components where 3 are expected");
        assertThatNoException().isThrownBy(() -> Jpeg2000Header.check(image, codestream));
    }

    @Test
    void bytesThatAreNoCodestreamAreCorrupt() {
        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> decoder.decode(image, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
    }

    @Test
    void damagedOrTruncatedCodestreamsDecodeOrAreRefusedWithAReason() {
        Random random = new Random(2000);
        for (int trial = 0; trial < 300; trial++) {
            // given: a few bytes overwritten, the first 200 (headers) most often, or the stream cut short
            byte[] damaged = codestream.clone();
            if (trial % 3 == 0) {
                damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
            } else {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    int at = random.nextBoolean() ? random.nextInt(200) : random.nextInt(damaged.length);
                    damaged[at] = (byte) random.nextInt(256);
                }
            }
            byte[] input = damaged;

            // when: as CompressedFrames calls it, the SIZ checked in Java first
            try {
                Jpeg2000Header.check(image, input);
                Samples samples = decoder.decode(image, input);

                // then
                assertThat(samples.length()).as("trial %d", trial).isEqualTo(512 * 512);
            } catch (ImagingException refused) {
                assertThat(refused.reason()).as("trial %d", trial).isEqualTo(ImagingReason.CORRUPT_IMAGE);
            }
        }
    }
}
