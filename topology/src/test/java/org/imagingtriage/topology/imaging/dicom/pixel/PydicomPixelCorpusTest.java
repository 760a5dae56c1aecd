package org.imagingtriage.topology.imaging.dicom.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.TransferSyntax;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of Debian's python3-pydicom corpus whose pixels pydicom decodes
 * ({@code pydicom_pixels.py} on /usr/bin/python3, computed here, never stored) must decode here
 * too; for uncompressed and RLE files the selected frame's values must be pydicom's, compared by
 * SHA-256. Refusals are allowed only for the files listed below, each with its reason. Skipped
 * only when pydicom is absent.
 */
class PydicomPixelCorpusTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data");
    private static final String SCRIPT = "pydicom_pixels.py";

    /**
     * pydicom cannot decode these here (no codec installed for it), and neither can we: 12-bit
     * JPEG Extended and JPEG-LS have no Java decoder on Maven Central.
     */
    private static final Set<String> NO_JAVA_DECODER = Set.of(
            "test_files/JPGExtended.dcm", "test_files/JPEG-lossy.dcm", "test_files/MR_small_jpeg_ls_lossless.dcm");

    private static final Set<String> COMPARED_SYNTAXES = Set.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(),
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(),
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.RLE_LOSSLESS.uid(),
            TransferSyntax.JPEG_2000_LOSSLESS.uid(), TransferSyntax.JPEG_2000.uid());

    private final DicomDecoder decoder = new DicomDecoder(DecodeLimits.defaults(), DicomLimits.defaults());

    @TestFactory
    Stream<DynamicTest> everyFilePydicomDecodesDecodesHereToo() throws Exception {
        // given
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(CORPUS),
                "pydicom's test corpus is absent: install the Debian package python3-pydicom (scripts/test does)");
        List<String[]> rows = pydicomRows();

        // then: the corpus is the one the README describes
        assertThat(rows.stream().filter(row -> row[1].equals("1")).count()).isGreaterThan(80);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row[0], () -> check(row)));
    }

    private void check(String[] row) throws Exception {
        String path = row[0];
        byte[] file = Files.readAllBytes(CORPUS.resolve(path));
        if (NO_JAVA_DECODER.contains(path)) {
            ImagingException refused = refusal(file);
            assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_TRANSFER_SYNTAX);
            assertThat(refused.detail()).containsPattern("\\(1\\.2\\.840\\.10008\\.1\\.2\\.4\\.(51|80)\\)");
            return;
        }
        if (row[1].equals("0")) {
            // pydicom cannot decode it: ours may or may not, but only ever refuses with a reason.
            try {
                decoder.decode(file);
            } catch (ImagingException refused) {
                assertThat(refused.reason()).isNotNull();
            }
            return;
        }

        // when
        DecodedImage image = decoder.decode(file);

        // then
        assertThat((long) image.samples().length()).as("samples").isEqualTo(Long.parseLong(row[4]));
        if (COMPARED_SYNTAXES.contains(row[2])) {
            assertThat(sha256(image)).as("values of the selected frame").isEqualTo(row[3]);
        }
        assertThat(image.dicomHeader()).isPresent();
        assertThat(image.dicomDisplay()).isPresent();
    }

    private ImagingException refusal(byte[] file) {
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    private static String sha256(DecodedImage image) throws Exception {
        int length = image.samples().length();
        ByteBuffer buffer = ByteBuffer.allocate(4 * length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            buffer.putInt(image.samples().get(i));
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
    }

    private static List<String[]> pydicomRows() throws IOException, InterruptedException {
        Path script = Files.createTempFile("pydicom_pixels", ".py");
        try {
            try (InputStream source = PydicomPixelCorpusTest.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, source.readAllBytes());
            }
            Process python = new ProcessBuilder(PYTHON.toString(), "-W", "ignore", script.toString(),
                    CORPUS.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(120, TimeUnit.SECONDS)).as("pydicom finished").isTrue();
            assertThat(python.exitValue()).as("pydicom_pixels.py exit code").isZero();
            return output.lines().map(line -> line.split("\t", -1)).toList();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
