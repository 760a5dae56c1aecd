package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.imaging.deid.IdentifyingAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SidecarReaderTest {

    private static final String NAME = "chest-01.png.json";

    @TempDir
    Path directory;

    private final SidecarReader reader = new SidecarReader(IdentifyingAttributes.defaults());

    private SidecarMetadata read(String json) throws SidecarException {
        return reader.read(FeedFolders.write(directory, NAME, json), NAME);
    }

    @Test
    void readsEveryKey() throws SidecarException {
        // given
        String json = """
                {"modality": "CR", "bodyPart": "CHEST", "priority": "stat",
                 "studyInstanceUid": "1.2.826.0.1.3680043.10.1082.1",
                 "seriesInstanceUid": "1.2.826.0.1.3680043.10.1082.1.2",
                 "sopInstanceUid": "1.2.826.0.1.3680043.10.1082.1.2.3",
                 "attributes": {"manufacturerModel": "DRX-1", "transferSyntax": "1.2.840.10008.1.2.1"}}
                """;

        // when
        SidecarMetadata metadata = read(json);

        // then
        assertThat(metadata.modality()).contains("CR");
        assertThat(metadata.bodyPart()).contains("CHEST");
        assertThat(metadata.priority()).contains(Priority.STAT);
        assertThat(metadata.studyInstanceUid()).contains("1.2.826.0.1.3680043.10.1082.1");
        assertThat(metadata.seriesInstanceUid()).contains("1.2.826.0.1.3680043.10.1082.1.2");
        assertThat(metadata.sopInstanceUid()).contains("1.2.826.0.1.3680043.10.1082.1.2.3");
        assertThat(metadata.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "manufacturerModel", "DRX-1", "transferSyntax", "1.2.840.10008.1.2.1"));
    }

    @Test
    void emptyObjectAndNullsMeanNothingIsSaid() throws SidecarException {
        // when
        SidecarMetadata metadata = read("{\"modality\": null, \"attributes\": null}");

        // then
        assertThat(metadata).isEqualTo(SidecarMetadata.none());
    }

    @Test
    void anUnknownKeyIsNamedWithTheFile() {
        // when / then: a misspelt key must not silently fall back to the default
        assertThatThrownBy(() -> read("{\"modaility\": \"CR\"}"))
                .isInstanceOf(SidecarException.class)
                .hasMessageStartingWith(NAME + ": key modaility: unknown key")
                .hasMessageContaining("modality, bodyPart, priority")
                .satisfies(e -> assertThat(((SidecarException) e).key()).isEqualTo("modaility"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "modality         | \"cr\"                    | DICOM modality code",
            "modality         | \"DOE^JOHN\"              | DICOM modality code",
            "bodyPart         | \"CHEST PA VIEW TOO LONG\" | DICOM body part code",
            "priority         | \"SOON\"                  | STAT, URGENT or ROUTINE",
            "priority         | 1                        | must be a string",
            "studyInstanceUid | \"1.2.03\"                | DICOM UID",
            "sopInstanceUid   | \"1.2.abc\"               | DICOM UID",
            "sopInstanceUid   | \"1.2222222222222222222222222222222222222222222222222222222222222222222222\" | DICOM UID",
            "attributes       | [\"a\"]                   | JSON object of strings",
            "attributes       | {\"model\": 3}            | every value must be a string"})
    void aBadValueIsNamedByKeyWithoutQuotingIt(String key, String value, String expected) {
        // when / then
        assertThatThrownBy(() -> read("{\"" + key + "\": " + value + "}"))
                .isInstanceOf(SidecarException.class)
                .hasMessageStartingWith(NAME + ": key " + key + ": ")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("DOE^JOHN")
                .hasMessageNotContaining("SOON");
    }

    @Test
    void attributesNamingPatientIdentityAreRefused() {
        // when / then: any spelling the pipeline's gate knows; the message uses the dictionary's name
        assertThatThrownBy(() -> read("{\"attributes\": {\"patient_name\": \"DOE^JOHN\"}}"))
                .isInstanceOf(SidecarException.class)
                .hasMessageContaining("key attributes")
                .hasMessageContaining("PatientName (0010,0010)")
                .hasMessageNotContaining("DOE^JOHN");
    }

    @Test
    void invalidJsonSaysWhereWithoutQuotingTheText() {
        // when / then
        assertThatThrownBy(() -> read("{\"modality\": DOE_JOHN}"))
                .isInstanceOf(SidecarException.class)
                .hasMessageContaining(NAME + ": is not valid JSON (line 1, column")
                .hasMessageNotContaining("DOE_JOHN");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        // when / then: which of the two would win is not the operator's guess to make
        assertThatThrownBy(() -> read("{\"priority\": \"STAT\", \"priority\": \"ROUTINE\"}"))
                .isInstanceOf(SidecarException.class)
                .hasMessageContaining("a key given twice");
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertThatThrownBy(() -> read("[\"CR\"]"))
                .isInstanceOf(SidecarException.class)
                .hasMessageContaining("must hold one JSON object");
    }

    @Test
    void anOversizedSidecarIsNotReadIntoMemory() {
        // given
        String huge = "{\"attributes\": {\"a\": \"" + "x".repeat((int) SidecarReader.MAX_SIDECAR_BYTES) + "\"}}";

        // when / then
        assertThatThrownBy(() -> read(huge))
                .isInstanceOf(SidecarException.class)
                .hasMessageContaining("a sidecar holds at most " + SidecarReader.MAX_SIDECAR_BYTES);
    }
}
