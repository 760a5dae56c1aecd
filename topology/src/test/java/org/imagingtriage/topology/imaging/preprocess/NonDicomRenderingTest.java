package org.imagingtriage.topology.imaging.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.JpegDecoder;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.PngDecoder;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.junit.jupiter.api.Test;

/** PNG and JPEG must render exactly as before the DICOM renderer existed. */
class NonDicomRenderingTest {

    private final DicomDisplayRenderer dicom = new DicomDisplayRenderer();
    private final LinearDisplayRenderer linear = new LinearDisplayRenderer();

    @Test
    void imagesWithoutDicomDisplayRenderRowForRowAsTheLinearRenderer() throws Exception {
        for (DecodedImage image : images()) {
            // when
            DisplayImage expected = linear.render(image);
            DisplayImage actual = dicom.render(image);

            // then
            assertThat(actual.channels()).isEqualTo(expected.channels());
            byte[] want = new byte[expected.width() * expected.channels()];
            byte[] got = new byte[want.length];
            for (int y = 0; y < expected.height(); y++) {
                expected.readRow(y, want);
                actual.readRow(y, got);
                assertThat(got).as("%s row %d", image.photometric(), y).containsExactly(want);
            }
        }
    }

    @Test
    void imagesWithoutDicomDisplayGiveTheSameTensorAndVersion() throws Exception {
        ImagePreprocessor before = new ImagePreprocessor(linear);
        for (DecodedImage image : images()) {
            // when
            PreprocessedImage expected = before.preprocess(image);
            PreprocessedImage actual = ImagePreprocessor.defaults().preprocess(image);

            // then
            assertThat(actual.pixels()).isEqualTo(expected.pixels());
            assertThat(actual.inputSha256()).isEqualTo(expected.inputSha256());
            assertThat(actual.preprocessingVersion()).isEqualTo("linear-minmax-v1+letterbox-pillow-v2");
        }
    }

    private static List<DecodedImage> images() throws Exception {
        PngDecoder png = new PngDecoder(DecodeLimits.defaults());
        JpegDecoder jpeg = new JpegDecoder(DecodeLimits.defaults());
        short[] deep = new short[64 * 48];
        for (int i = 0; i < deep.length; i++) {
            deep[i] = (short) (300 + (i * 37) % 3000);
        }
        return List.of(
                png.decode(TestImages.png(TestImages.grey8(97, 61, (x, y) -> (x * 5 + y * 3) & 0xff))),
                png.decode(TestImages.png(TestImages.grey16(61, 97, (x, y) -> 1000 + x * 300 + y * 7))),
                png.decode(TestImages.png(TestImages.rgb(50, 40, (x, y) -> x * 0x050301 + y * 0x010507))),
                jpeg.decode(TestImages.jpeg(TestImages.rgb(64, 64, (x, y) -> (x * 4) << 16 | (y * 4) << 8 | 0x40))),
                new DecodedImage(64, 48, Photometric.MONOCHROME1, 12, new Samples.Shorts(deep, false), Set.of()),
                new DecodedImage(2, 1, Photometric.MONOCHROME2, 16, new Samples.Shorts(new short[] {-5, 9}, true),
                        Set.of()));
    }
}
