package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of Debian's python3-pydicom test corpus, read by this reader and by pydicom
 * ({@code pydicom_view.py} on /usr/bin/python3, computed here, never stored): what pydicom reads
 * must parse here with the same transfer syntax, dimensions, frames, pixel data and top-level
 * elements; what it refuses must be refused with a reason. Skipped only when pydicom is absent.
 */
class PydicomCorpusTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data");
    private static final String SCRIPT = "pydicom_view.py";

    /**
     * Files pydicom reads although a length in them claims more bytes than remain: pydicom keeps
     * whatever bytes there are. Here a length is never trusted past the data, so the full read
     * refuses them as truncated; a header-only read still succeeds when the shortfall is inside
     * the pixel data. MR_truncated and rtplan_truncated are cut short on purpose; DICOMDIR-nooffset
     * lost two elements from its last directory record without its item and sequence lengths
     * being corrected. The value says whether a header-only read succeeds.
     */
    private static final Map<String, Boolean> TRUNCATED_HEADER_READABLE = Map.of(
            "test_files/MR_truncated.dcm", true,
            "test_files/rtplan_truncated.dcm", false,
            "test_files/dicomdirtests/DICOMDIR-nooffset", false);

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    @TestFactory
    Stream<DynamicTest> everyCorpusFileReadsAsPydicomReadsIt() throws Exception {
        // given
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(CORPUS),
                "pydicom's test corpus is absent: install the Debian package python3-pydicom (scripts/test does)");
        List<PydicomView> views = pydicomViews();

        // then: the corpus is the one the README and DESIGN describe, not an empty directory
        assertThat(views).hasSizeGreaterThan(150);
        return views.stream().map(view -> DynamicTest.dynamicTest(view.path(), () -> check(view)));
    }

    private void check(PydicomView expected) throws Exception {
        byte[] file = Files.readAllBytes(CORPUS.resolve(expected.path()));
        if (!expected.readable()) {
            DicomParseException refused = catchThrowableOfType(DicomParseException.class, () -> reader.read(file));
            assertThat(refused).as("pydicom refuses it (%s); so must we", expected.transferSyntax()).isNotNull();
            assertThat(refused.reason()).isEqualTo(DicomReason.NOT_DICOM);
            return;
        }
        Boolean headerReadable = TRUNCATED_HEADER_READABLE.get(expected.path());
        if (headerReadable != null) {
            checkTruncated(file, headerReadable);
            return;
        }

        // when
        DicomFile whole = reader.read(file);
        DicomFile header = reader.readHeader(file);

        // then
        if (expected.transferSyntax() == null) {
            assertThat(whole.deviations()).contains(Deviation.TRANSFER_SYNTAX_MISSING);
        } else {
            assertThat(whole.transferSyntax().uid()).isEqualTo(expected.transferSyntax());
        }
        DicomDataset dataset = whole.dataset();
        assertThat(dataset.size()).as("top-level elements").isEqualTo(expected.elements());
        assertThat(optional(dataset.getInt(Tag.Rows))).as("Rows").isEqualTo(expected.rows());
        assertThat(optional(dataset.getInt(Tag.Columns))).as("Columns").isEqualTo(expected.columns());
        assertThat(optional(whole.numberOfFrames())).as("frames").isEqualTo(framesOf(expected.frames()));
        assertThat(whole.pixelDataOffset().isPresent()).as("pixel data located").isEqualTo(expected.hasPixelData());
        assertThat(header.pixelDataOffset()).as("header read locates the same pixel data")
                .isEqualTo(whole.pixelDataOffset());
        assertThat(header.pixelData()).isEmpty();
        if (expected.hasPixelData()) {
            assertThat(pixelKind(whole.pixelData().orElseThrow())).isEqualTo(expected.pixelKind());
            assertThat(encodedLength(whole.pixelData().orElseThrow())).as("pixel data bytes")
                    .isEqualTo(expected.pixelLength());
        }
    }

    private void checkTruncated(byte[] file, boolean headerReadable) throws Exception {
        DicomParseException refused = catchThrowableOfType(DicomParseException.class, () -> reader.read(file));
        assertThat(refused.reason()).isEqualTo(DicomReason.TRUNCATED);
        if (headerReadable) {
            assertThat(reader.readHeader(file).pixelDataOffset()).isPresent();
        } else {
            assertThat(catchThrowableOfType(DicomParseException.class, () -> reader.readHeader(file)).reason())
                    .isEqualTo(DicomReason.TRUNCATED);
        }
    }

    /** pydicom holds encapsulated pixel data as the bytes up to the delimiter, item headers included. */
    private static long encodedLength(PixelData pixelData) {
        if (pixelData instanceof NativePixelData nativePixels) {
            return nativePixels.length();
        }
        EncapsulatedPixelData encapsulated = (EncapsulatedPixelData) pixelData;
        return 8L + 4L * encapsulated.basicOffsetTable().length + 8L * encapsulated.fragments().size()
                + encapsulated.fragmentBytes();
    }

    private static String pixelKind(PixelData pixelData) {
        return pixelData instanceof NativePixelData ? "native" : "encapsulated";
    }

    /** Absent means one frame; a value that is not a positive integer ("1A" in badVR.dcm) means unknown. */
    private static Integer framesOf(String written) {
        if (written == null) {
            return 1;
        }
        try {
            int frames = Integer.parseInt(written.strip());
            return frames >= 1 ? frames : null;
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }

    private static Integer optional(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static List<PydicomView> pydicomViews() throws IOException, InterruptedException {
        Path script = Files.createTempFile("pydicom_view", ".py");
        try {
            try (InputStream source = PydicomCorpusTest.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, source.readAllBytes());
            }
            Process python = new ProcessBuilder(PYTHON.toString(), "-W", "ignore", script.toString(), CORPUS.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(2, TimeUnit.MINUTES)).as("pydicom_view.py finished").isTrue();
            assumeTrue(python.exitValue() == 0, "/usr/bin/python3 cannot import pydicom: install python3-pydicom");
            List<PydicomView> views = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (!line.isBlank()) {
                    views.add(PydicomView.parse(line));
                }
            }
            return views;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** One line of pydicom_view.py; for a file pydicom refuses, transferSyntax holds the exception's class. */
    record PydicomView(String path, boolean readable, String transferSyntax, Integer rows, Integer columns,
            String frames, String pixelKind, Long pixelLength, int elements) {

        static PydicomView parse(String line) {
            String[] columns = line.split("\t", -1);
            if (columns.length != 9) {
                throw new IllegalArgumentException("pydicom_view.py wrote " + columns.length + " columns: " + line);
            }
            return new PydicomView(columns[0], columns[1].equals("1"), text(columns[2]), integer(columns[3]),
                    integer(columns[4]), text(columns[5]), columns[6], columns[7].equals("-") ? null
                            : Long.parseLong(columns[7]), columns[8].equals("-") ? -1 : Integer.parseInt(columns[8]));
        }

        boolean hasPixelData() {
            return !pixelKind.equals("none");
        }

        private static String text(String column) {
            return column.equals("-") ? null : column;
        }

        private static Integer integer(String column) {
            return column.equals("-") ? null : Integer.valueOf(column);
        }
    }
}
