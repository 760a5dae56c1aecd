package org.imagingtriage.topology.imaging.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy.IdentityRemovedPolicy;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.DicomTestFiles;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DICOM half of the gate: headers parsed by the real reader from small files built here. */
class DeidentificationGateDicomTest {

    private static final String PHI_VALUE = "DOE^JANE";
    /** Not a Tag constant: the gate must look inside sequences it has no name for. */
    private static final int REFERENCED_PATIENT_SEQUENCE = 0x00081120;
    private static final int REQUEST_ATTRIBUTES_SEQUENCE = 0x00400275;

    private final DeidentificationGate gate = new DeidentificationGate(DeidentificationPolicy.defaults());
    private final DeidentificationGate ignoringFlag = new DeidentificationGate(
            DeidentificationPolicy.defaults().withIdentityRemoved(IdentityRemovedPolicy.IGNORE));

    @Test
    void cleanHeaderPasses() {
        // given
        DicomDataset header = DicomTestFiles.explicitLittleEndian()
                .text(Tag.SOPInstanceUID, "UI", "2.25.42")
                .text(Tag.Modality, "CS", "CR")
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .text(Tag.DeidentificationMethod, "LO", "Basic Application Confidentiality Profile")
                .text(Tag.BurnedInAnnotation, "CS", "NO")
                .dataset();

        // when / then
        assertThatCode(() -> gate.checkImage(image(header))).doesNotThrowAnyException();
    }

    static Stream<IdentifyingAttribute> identifyingAttributes() {
        return IdentifyingAttributes.defaults().all().stream();
    }

    @ParameterizedTest
    @MethodSource("identifyingAttributes")
    void everyIdentifyingAttributeWithAValueIsRefusedAtTopLevel(IdentifyingAttribute attribute) {
        // given
        int tag = tagOf(attribute);
        DicomTestFiles file = DicomTestFiles.explicitLittleEndian();
        withValue(file, tag);

        // when
        ImagingException refused = refusal(gate, withIdentityRemoved(file, tag).dataset());

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_DICOM_HEADER);
        assertThat(refused.stage()).isEqualTo(Stage.DEIDENTIFICATION);
        assertThat(refused.detail()).isEqualTo("the DICOM header gives identifying attributes a value: "
                + attribute.displayName()).doesNotContain(PHI_VALUE);
    }

    @ParameterizedTest
    @MethodSource("identifyingAttributes")
    void everyIdentifyingAttributeWithAValueIsRefusedInsideASequenceItem(IdentifyingAttribute attribute) {
        // given: implicit VR, and a container the reader knows only as an undefined-length sequence
        DicomTestFiles file = DicomTestFiles.implicitLittleEndian();
        DicomTestFiles item = file.item();
        withValue(item, tagOf(attribute));
        file.undefinedLengthSequence(REFERENCED_PATIENT_SEQUENCE, item)
                .text(Tag.PatientIdentityRemoved, "CS", "YES");

        // when
        ImagingException refused = refusal(gate, file.dataset());

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_DICOM_HEADER);
        assertThat(refused.detail()).endsWith(": " + attribute.displayName()).doesNotContain(PHI_VALUE);
    }

    @Test
    void aPatientNameTwoSequencesDeepIsRefused() {
        // given: RequestAttributesSequence > ReferencedPatientSequence > PatientName
        DicomTestFiles file = DicomTestFiles.explicitLittleEndian();
        DicomTestFiles patient = file.item().text(Tag.PatientName, "PN", PHI_VALUE);
        DicomTestFiles request = file.item().sequence(REFERENCED_PATIENT_SEQUENCE, patient);
        file.text(Tag.PatientIdentityRemoved, "CS", "YES")
                .undefinedLengthSequence(REQUEST_ATTRIBUTES_SEQUENCE, request);

        // when
        ImagingException refused = refusal(gate, file.dataset());

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_DICOM_HEADER);
        assertThat(refused.detail()).isEqualTo("the DICOM header gives identifying attributes a value: "
                + "PatientName (0010,0010)");
    }

    @Test
    void emptyValuesAndEmptySequencesPass() {
        // given: zero length, padding only, a sequence without items
        DicomDataset header = DicomTestFiles.explicitLittleEndian()
                .empty(Tag.AccessionNumber, "SH")
                .empty(Tag.ReferringPhysicianName, "PN")
                .text(Tag.PatientName, "PN", "  ")
                .empty(Tag.PatientID, "LO")
                .empty(Tag.PatientBirthDate, "DA")
                .sequence(Tag.OtherPatientIDsSequence)
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .dataset();

        // when / then
        assertThatCode(() -> gate.checkImage(image(header))).doesNotThrowAnyException();
    }

    @Test
    void unknownVrValuesAreJudgedByTheirBytes() {
        // given: UN, as some converters write every attribute
        DicomDataset named = DicomTestFiles.explicitLittleEndian()
                .bytes(Tag.PatientName, "UN", PHI_VALUE.getBytes(StandardCharsets.US_ASCII))
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .dataset();
        DicomDataset padded = DicomTestFiles.explicitLittleEndian()
                .bytes(Tag.PatientName, "UN", new byte[] {' ', ' ', 0, 0})
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .dataset();

        // when
        ImagingException refused = refusal(gate, named);

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_DICOM_HEADER);
        assertThatCode(() -> gate.checkImage(image(padded))).doesNotThrowAnyException();
    }

    @Test
    void detailListsEveryOffendingNameSortedOnceAndNoValue() {
        // given: the same attribute at two depths, others at top level
        DicomTestFiles file = DicomTestFiles.explicitLittleEndian();
        DicomTestFiles referenced = file.item()
                .text(Tag.PatientName, "PN", "ROE^RICHARD")
                .text(Tag.PatientID, "LO", "MRN-0042");
        file.text(Tag.InstitutionName, "LO", "Princeton-Plainsboro")
                .text(Tag.ReferringPhysicianName, "PN", "HOUSE^GREGORY")
                .sequence(REFERENCED_PATIENT_SEQUENCE, referenced)
                .text(Tag.PatientName, "PN", PHI_VALUE)
                .text(Tag.PatientIdentityRemoved, "CS", "NO")
                .text(Tag.BurnedInAnnotation, "CS", "YES");

        // when
        ImagingException refused = refusal(gate, file.dataset());

        // then: PHI present outranks burned-in text and the missing flag
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_DICOM_HEADER);
        assertThat(refused.detail()).isEqualTo("the DICOM header gives identifying attributes a value: "
                + "InstitutionName (0008,0080), PatientID (0010,0020), PatientName (0010,0010), "
                + "ReferringPhysicianName (0008,0090)");
        for (String value : List.of(PHI_VALUE, "ROE", "MRN-0042", "Princeton", "HOUSE")) {
            assertThat(refused.detail()).doesNotContain(value);
            assertThat(refused.getMessage()).doesNotContain(value);
        }
    }

    @Test
    void patientIdentityRemovedMustBeYesUnderTheDefaultPolicy() {
        // given
        DicomDataset no = DicomTestFiles.explicitLittleEndian().text(Tag.PatientIdentityRemoved, "CS", "NO").dataset();
        DicomDataset absent = DicomTestFiles.explicitLittleEndian().text(Tag.Modality, "CS", "CT").dataset();
        DicomDataset empty = DicomTestFiles.explicitLittleEndian().empty(Tag.PatientIdentityRemoved, "CS").dataset();

        // when / then
        for (DicomDataset header : List.of(no, absent, empty)) {
            ImagingException refused = refusal(gate, header);
            assertThat(refused.reason()).isEqualTo(ImagingReason.IDENTITY_NOT_REMOVED);
            assertThat(refused.stage()).isEqualTo(Stage.DEIDENTIFICATION);
            assertThat(refused.detail()).contains("PatientIdentityRemoved (0012,0062)");
            assertThatCode(() -> ignoringFlag.checkImage(image(header))).doesNotThrowAnyException();
        }
    }

    @Test
    void burnedInAnnotationYesIsRefusedWhateverThePolicy() {
        // given
        DicomDataset header = DicomTestFiles.explicitLittleEndian()
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .text(Tag.BurnedInAnnotation, "CS", "YES")
                .dataset();

        // when
        ImagingException strict = refusal(gate, header);
        ImagingException lenient = refusal(ignoringFlag, header);

        // then
        assertThat(strict.reason()).isEqualTo(ImagingReason.BURNED_IN_ANNOTATION);
        assertThat(lenient.reason()).isEqualTo(ImagingReason.BURNED_IN_ANNOTATION);
        assertThat(strict.detail()).contains("BurnedInAnnotation (0028,0301)");
    }

    @Test
    void imageMetadataIsCheckedBeforeTheHeader() {
        // given
        DicomDataset header = DicomTestFiles.explicitLittleEndian().text(Tag.PatientName, "PN", PHI_VALUE).dataset();
        DecodedImage image = new DecodedImage(1, 1, Photometric.MONOCHROME2, 8, new Samples.Bytes(new byte[1]),
                Set.of("Author")).withDicom(header, display());

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> gate.checkImage(image));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_IMAGE_METADATA);
    }

    @Test
    void anAttributeTheOperatorAddsIsFoundInTheHeaderByItsTag() {
        // given: PatientAge is not identifying by default
        DeidentificationGate strict = new DeidentificationGate(DeidentificationPolicy.defaults().withAttributes(
                IdentifyingAttributes.defaults().plus(IdentifyingAttribute.of("PatientAge", "00101010"))));
        DicomDataset header = DicomTestFiles.explicitLittleEndian()
                .text(0x00101010, "AS", "091Y")
                .text(Tag.PatientIdentityRemoved, "CS", "YES")
                .dataset();

        // when
        ImagingException refused = refusal(strict, header);

        // then
        assertThatCode(() -> gate.checkImage(image(header))).doesNotThrowAnyException();
        assertThat(refused.detail()).endsWith(": PatientAge (0010,1010)").doesNotContain("091Y");
    }

    /** A sequence attribute gets one (empty) item; anything else the PHI value, in its dictionary VR. */
    private static void withValue(DicomTestFiles file, int tag) {
        String vr = DicomTestFiles.vrOf(tag);
        if (vr.equals("SQ")) {
            file.sequence(tag, file.item());
        } else {
            file.text(tag, vr, PHI_VALUE);
        }
    }

    /** PatientIdentityRemoved YES, so only the attribute can refuse; written in tag order. */
    private static DicomTestFiles withIdentityRemoved(DicomTestFiles file, int tag) {
        if (Integer.compareUnsigned(tag, Tag.PatientIdentityRemoved) < 0) {
            return file.text(Tag.PatientIdentityRemoved, "CS", "YES");
        }
        DicomTestFiles ordered = DicomTestFiles.explicitLittleEndian().text(Tag.PatientIdentityRemoved, "CS", "YES");
        withValue(ordered, tag);
        return ordered;
    }

    private static int tagOf(IdentifyingAttribute attribute) {
        return Integer.parseUnsignedInt(attribute.tag(), 16);
    }

    static DecodedImage image(DicomDataset header) {
        return new DecodedImage(1, 1, Photometric.MONOCHROME2, 8, new Samples.Bytes(new byte[1]), Set.of())
                .withDicom(header, display());
    }

    private static DicomDisplay display() {
        return new DicomDisplay("CR", DicomDisplay.ModalityLut.IDENTITY, List.of(), Optional.empty(),
                DicomDisplay.VoiFunction.LINEAR);
    }

    private static ImagingException refusal(DeidentificationGate gate, DicomDataset header) {
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> gate.checkImage(image(header)));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
