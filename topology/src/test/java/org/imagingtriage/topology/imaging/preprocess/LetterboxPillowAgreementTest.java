package org.imagingtriage.topology.imaging.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The letterbox's resize gives Pillow's {@code Image.BILINEAR} bytes exactly (the resize
 * MedGemma's image processor uses), on random images enlarged, shrunk by integer and fractional
 * factors, kept at size, and squeezed into one-pixel strips, in grey and RGB. Pillow runs in
 * Debian's /usr/bin/python3 ({@code python3-pil}, which scripts/test installs); skipped only when
 * it is absent.
 */
class LetterboxPillowAgreementTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = "pillow_resize.py";

    /** {channels, width, height, target width, target height}. */
    private static final int[][] CASES = {
        {1, 128, 128, 896, 896}, // a small CT, enlarged 7x
        {3, 128, 128, 896, 896},
        {1, 64, 64, 896, 896},
        {3, 256, 256, 896, 896},
        {3, 512, 512, 896, 896},
        {3, 300, 200, 896, 597},
        {1, 7, 3, 896, 384},
        {1, 1234, 987, 896, 717}, // shrunk by a fractional factor
        {3, 3584, 400, 896, 100}, // shrunk exactly 4x
        {1, 5000, 3000, 896, 538},
        {3, 896, 896, 896, 896}, // kept at size
        {1, 897, 896, 896, 895},
        {1, 1, 1000, 1, 896}, // one-pixel strips
        {3, 2000, 1, 896, 1},
    };

    @TempDir
    Path work;

    @Test
    void resizeGivesPillowsBilinearBytes() throws Exception {
        // given
        assumeTrue(pillowAvailable(), "Pillow is absent: install the Debian package python3-pil (scripts/test does)");
        Random random = new Random(896);
        List<String> manifest = new ArrayList<>();
        List<byte[]> sources = new ArrayList<>();
        for (int i = 0; i < CASES.length; i++) {
            int[] c = CASES[i];
            byte[] pixels = new byte[c[0] * c[1] * c[2]];
            random.nextBytes(pixels);
            Path file = work.resolve("case-" + i);
            Files.write(file, pixels);
            sources.add(pixels);
            manifest.add(String.join(" ", file.toString(), c[0] == 1 ? "L" : "RGB", "" + c[1], "" + c[2], "" + c[3],
                    "" + c[4]));
        }

        // when
        runPillow(manifest);

        // then
        for (int i = 0; i < CASES.length; i++) {
            int[] c = CASES[i];
            byte[] ours = new byte[c[3] * c[4] * 3];
            SeparableResampler.resize(new RawImage(c[0], c[1], c[2], sources.get(i)), c[3], c[4], ours, c[3], 0, 0);
            byte[] pillows = Files.readAllBytes(work.resolve("case-" + i + ".pillow"));
            assertThat(mismatch(ours, pillows))
                    .as("first byte differing from Pillow, %d channel(s) %dx%d -> %dx%d", c[0], c[1], c[2], c[3], c[4])
                    .isEqualTo(-1);
        }
    }

    /** The index of the first differing byte, -1 if none (and the lengths agree). */
    private static long mismatch(byte[] ours, byte[] pillows) {
        assertThat(pillows).hasSameSizeAs(ours);
        return Arrays.mismatch(ours, pillows);
    }

    private void runPillow(List<String> manifest) throws IOException, InterruptedException {
        Path script = work.resolve(SCRIPT);
        try (InputStream source = getClass().getResourceAsStream(SCRIPT)) {
            Files.write(script, source.readAllBytes());
        }
        Path manifestFile = Files.write(work.resolve("manifest"), manifest);
        Process python = new ProcessBuilder(PYTHON.toString(), script.toString(), manifestFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).as("Pillow finished").isTrue();
        assertThat(python.exitValue()).as("pillow_resize.py exit code; output:%n%s", output).isZero();
    }

    private static boolean pillowAvailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import PIL")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    /** Raw interleaved 8-bit pixels as a display image. */
    private record RawImage(int channels, int width, int height, byte[] pixels) implements DisplayImage {

        @Override
        public void readRow(int y, byte[] destination) {
            System.arraycopy(pixels, y * width * channels, destination, 0, width * channels);
        }
    }
}
