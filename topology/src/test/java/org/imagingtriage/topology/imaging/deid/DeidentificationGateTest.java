package org.imagingtriage.topology.imaging.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeidentificationGateTest {

    private static final String PHI_VALUE = "DOE^JANE";

    private final DeidentificationGate gate = new DeidentificationGate(DeidentificationPolicy.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"PatientName", "patientname", "PATIENTNAME", "patient_name", "Patient Name",
        "Patient's Name", "patient-name", "00100010", "(0010,0010)", "0010,0010", "0x00100010", "dicom.PatientName",
        "tag:(0010,0010)", "tags/PatientName"})
    void patientNameIsRecognisedInEverySpelling(String key) {
        // when
        ImagingException refused = refusal(eventWith(Map.of(key, PHI_VALUE)));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_ATTRIBUTES);
        assertThat(refused.stage()).isEqualTo(Stage.DEIDENTIFICATION);
        assertThat(refused.detail()).isEqualTo("event attributes name identifying DICOM attributes: "
                + "PatientName (0010,0010)");
    }

    @Test
    void everyOffendingAttributeIsNamedAndNoValueOrRawKeyIsEchoed() {
        // given
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("patient_id", "MRN-0042");
        attributes.put("Patient's Birth Date", "19700101");
        attributes.put("OtherPatientIDs", "X9");
        attributes.put("PatientTelephoneNumbers", "+1 555 0100");
        attributes.put("ReferringPhysicianName", "HOUSE^GREGORY");
        attributes.put("institution name", "Princeton-Plainsboro");
        attributes.put("00080050", "ACC123");
        attributes.put("(0010,1040)", "221B Baker Street");
        attributes.put("TransferSyntaxUID", "1.2.840.10008.1.2.1");
        attributes.put("Manufacturer", "ACME");

        // when
        ImagingException refused = refusal(eventWith(attributes));

        // then
        assertThat(refused.detail()).isEqualTo("event attributes name identifying DICOM attributes: "
                + "AccessionNumber (0008,0050), InstitutionName (0008,0080), OtherPatientIDs (0010,1000), "
                + "PatientAddress (0010,1040), PatientBirthDate (0010,0030), PatientID (0010,0020), "
                + "PatientTelephoneNumbers (0010,2154), ReferringPhysicianName (0008,0090)");
        for (String value : attributes.values()) {
            assertThat(refused.detail()).doesNotContain(value);
            assertThat(refused.getMessage()).doesNotContain(value);
        }
        assertThat(refused.detail()).doesNotContain("patient_id").doesNotContain("institution name");
    }

    @Test
    void technicalAttributesPass() {
        // given
        ImageEvent event = eventWith(Map.of("TransferSyntaxUID", "1.2.840.10008.1.2.1", "Manufacturer", "ACME",
                "ManufacturerModelName", "X1", "PatientPosition", "PA", "PatientSex", "F"));

        // when / then
        assertThatCode(() -> gate.checkEvent(event)).doesNotThrowAnyException();
    }

    @Test
    void unassertedDeidentificationIsRejectedOrAllowedByPolicy() {
        // given
        ImageEvent unasserted = TestImages.event(ImageFormat.PNG, TestImages.inline(new byte[1]))
                .setDeidentification(new Deidentification(false, null)).build();
        DeidentificationGate lenient = new DeidentificationGate(
                DeidentificationPolicy.defaults().withUnasserted(DeidentificationPolicy.UnassertedPolicy.ALLOW));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> gate.checkEvent(unasserted));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.DEIDENTIFICATION_NOT_ASSERTED);
        assertThatCode(() -> lenient.checkEvent(unasserted)).doesNotThrowAnyException();
    }

    @Test
    void identifyingAttributesOutrankAMissingClaim() {
        // given
        ImageEvent both = TestImages.event(ImageFormat.PNG, TestImages.inline(new byte[1]))
                .setDeidentification(new Deidentification(false, null))
                .setAttributes(Map.of("PatientName", PHI_VALUE)).build();

        // when / then
        assertThat(refusal(both).reason()).isEqualTo(ImagingReason.PHI_IN_ATTRIBUTES);
    }

    @Test
    void dictionaryCanBeExtendedAndNarrowed() throws Exception {
        // given
        DeidentificationGate strict = new DeidentificationGate(DeidentificationPolicy.defaults().withAttributes(
                IdentifyingAttributes.defaults().plus(IdentifyingAttribute.of("PatientAge", "00101010"))));
        DeidentificationGate narrow = new DeidentificationGate(DeidentificationPolicy.defaults().withAttributes(
                IdentifyingAttributes.defaults().minus("StationName")));

        // when
        ImagingException age = catchThrowableOfType(ImagingException.class,
                () -> strict.checkEvent(eventWith(Map.of("patient age", "091Y"))));

        // then
        assertThat(age.detail()).endsWith("PatientAge (0010,1010)");
        narrow.checkEvent(eventWith(Map.of("StationName", "CT01")));
    }

    @Test
    void identifyingImageMetadataIsRefusedByName() {
        // given: raw keys as a file might spell them
        DecodedImage image = imageWithMetadata(Set.of("Author", "Software", "EXIF", "patient name", "JFIF"));

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> gate.checkImage(image));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PHI_IN_IMAGE_METADATA);
        assertThat(refused.detail()).isEqualTo("the image file carries metadata that may identify: "
                + "Author, EXIF, PatientName (0010,0010)");
    }

    @Test
    void harmlessOrNoMetadataPasses() {
        // when / then
        assertThatCode(() -> gate.checkImage(imageWithMetadata(Set.of("Software", "Creation Time", "JFIF",
                "ICC_PROFILE", "ADOBE")))).doesNotThrowAnyException();
        assertThatCode(() -> gate.checkImage(imageWithMetadata(Set.of()))).doesNotThrowAnyException();
    }

    @Test
    void metadataCheckCanBeSwitchedOff() {
        // given
        DeidentificationGate anyMetadata = new DeidentificationGate(
                DeidentificationPolicy.defaults().withIdentifyingMetadataKeys(Set.of()));

        // when / then: the DICOM dictionary still applies to metadata keys
        assertThatCode(() -> anyMetadata.checkImage(imageWithMetadata(Set.of("Author", "COM"))))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ImagingException.class,
                () -> anyMetadata.checkImage(imageWithMetadata(Set.of("PatientID")))).reason())
                .isEqualTo(ImagingReason.PHI_IN_IMAGE_METADATA);
    }

    private ImagingException refusal(ImageEvent event) {
        return catchThrowableOfType(ImagingException.class, () -> gate.checkEvent(event));
    }

    private static ImageEvent eventWith(Map<String, String> attributes) {
        return TestImages.event(ImageFormat.PNG, TestImages.inline(new byte[1])).setAttributes(attributes).build();
    }

    private static DecodedImage imageWithMetadata(Set<String> keys) {
        return new DecodedImage(1, 1, Photometric.MONOCHROME2, 8, new Samples.Bytes(new byte[1]), keys);
    }
}
