package org.imagingtriage.topology.imaging.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy.IdentityRemovedPolicy;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.DicomParseException;
import org.imagingtriage.topology.imaging.dicom.DicomReader;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The gate on real headers: Debian's python3-pydicom test files, most of which carry synthetic
 * patient names. Those must be refused naming PatientName and never echoing it; with the gate's
 * identity checks off (empty dictionary, flag ignored) the same headers pass.
 */
class PydicomCorpusGateTest {

    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());
    private final DeidentificationGate gate = new DeidentificationGate(DeidentificationPolicy.defaults());
    private final DeidentificationGate off = new DeidentificationGate(DeidentificationPolicy.defaults()
            .withAttributes(IdentifyingAttributes.of(List.of()))
            .withIdentityRemoved(IdentityRemovedPolicy.IGNORE));

    @TestFactory
    Stream<DynamicTest> filesWithPatientNamesAreRefusedAndPassWithTheGateOff() throws IOException {
        // given
        assumeTrue(Files.isDirectory(CORPUS),
                "pydicom's test files are absent: install the Debian package python3-pydicom");
        List<Named> named = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".dcm")).sorted().toList()) {
                header(file).ifPresent(header -> header.getString(Tag.PatientName)
                        .filter(name -> !name.isBlank())
                        .ifPresent(name -> named.add(new Named(file, header, name))));
            }
        }

        // then: the corpus is the one DESIGN.md describes
        assertThat(named).hasSizeGreaterThan(30);
        return named.stream().map(file -> DynamicTest.dynamicTest(file.path().getFileName().toString(),
                () -> check(file)));
    }

    private void check(Named file) {
        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class,
                () -> gate.checkImage(DeidentificationGateDicomTest.image(file.header())));

        // then
        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_DICOM_HEADER);
        assertThat(refused.detail()).contains("PatientName (0010,0010)").doesNotContain(file.patientName());
        assertThat(refused.getMessage()).doesNotContain(file.patientName());
        assertThatCode(() -> off.checkImage(DeidentificationGateDicomTest.image(file.header())))
                .doesNotThrowAnyException();
    }

    /** The header, or empty for the corpus's deliberately broken files (the reader's tests cover them). */
    private Optional<DicomDataset> header(Path file) throws IOException {
        try {
            return Optional.of(reader.readHeader(Files.readAllBytes(file)).dataset());
        } catch (DicomParseException e) {
            return Optional.empty();
        }
    }

    /** toString leaves the name out, so a failing test's report does not print it either. */
    private record Named(Path path, DicomDataset header, String patientName) {
        @Override
        public String toString() {
            return path.getFileName().toString();
        }
    }
}
