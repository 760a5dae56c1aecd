package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.junit.jupiter.api.Test;

class DicomReasonTest {

    /** A row of the README's DICOM reader table: | `CODE` | `IMAGING_REASON` | meaning |. */
    private static final Pattern ROW =
            Pattern.compile("^\\| `([A-Z_]+)` \\| `([A-Z_]+)` \\| (.+) \\|$", Pattern.MULTILINE);

    @Test
    void readmeListsEveryReaderReasonWithItsDeadLetterReasonAndMeaning() throws Exception {
        // given: surefire runs in the module directory; the table is the one under the reader's heading
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### DICOM reader"));
        section = section.substring(0, section.indexOf("\n### ", 1));

        // when
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " " + row.group(3));
        }

        // then
        Map<String, String> declared = new LinkedHashMap<>();
        for (DicomReason reason : DicomReason.values()) {
            declared.put(reason.name(), reason.imagingReason().name() + " " + reason.meaning());
        }
        assertThat(documented).containsExactlyEntriesOf(declared);
    }

    @Test
    void everyReasonIsRefusedAtTheDecodeStageForGood() {
        for (DicomReason reason : DicomReason.values()) {
            // given
            DicomParseException refused = new DicomParseException(reason, "Rows (0028,0010) claims 8 bytes", 140);

            // when
            ImagingException imaging = refused.toImagingException();

            // then
            assertThat(imaging.stage()).isEqualTo(Stage.DECODE);
            assertThat(imaging.isTransient()).isFalse();
            assertThat(imaging.reason()).isEqualTo(reason.imagingReason());
            assertThat(imaging.detail()).isEqualTo("DICOM " + reason.name() + ": Rows (0028,0010) claims 8 bytes"
                    + " (at byte 140)");
        }
    }

    @Test
    void capsMapToTheLimitReasonAndStructureToCorruptImage() {
        // when / then
        assertThat(DicomReason.SEQUENCE_TOO_DEEP.imagingReason()).isEqualTo(ImagingReason.DICOM_LIMIT_EXCEEDED);
        assertThat(DicomReason.INFLATED_TOO_LARGE.imagingReason()).isEqualTo(ImagingReason.DICOM_LIMIT_EXCEEDED);
        assertThat(DicomReason.TRUNCATED.imagingReason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(DicomReason.NOT_DICOM.imagingReason()).isEqualTo(ImagingReason.FORMAT_MISMATCH);
        assertThat(DicomReason.UNSUPPORTED_TRANSFER_SYNTAX.imagingReason())
                .isEqualTo(ImagingReason.UNSUPPORTED_TRANSFER_SYNTAX);
    }
}
