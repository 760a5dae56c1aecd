package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_BE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_LE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Typed getters: VR-correct trimming, backslash values, lenient numbers, signedness, charsets. */
class DicomDatasetValuesTest {

    private static final int PRIVATE_UL = 0x00091001;
    private static final int PRIVATE_SL = 0x00091002;
    private static final int PRIVATE_FD = 0x00091003;

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    @Test
    void textIsTrimmedAsItsVrSays() throws Exception {
        // given
        DicomDataset dataset = read(DicomStream.explicitLittle()
                .text(Tag.SOPClassUID, "UI", "1.2.3")                       // NUL-padded to 6
                .text(Tag.Modality, "CS", " CT ")
                .text(Tag.InstitutionAddress, "ST", "  1 Main St  ")
                .text(Tag.PatientComments, "LT", "  keep\\the backslash ")
                .text(Tag.RescaleType, "LO", " HU "));

        // then
        assertThat(dataset.getString(Tag.SOPClassUID)).contains("1.2.3");
        assertThat(dataset.getString(Tag.Modality)).contains("CT");
        assertThat(dataset.getString(Tag.InstitutionAddress)).as("ST keeps leading spaces").contains("  1 Main St");
        assertThat(dataset.getStrings(Tag.PatientComments)).as("LT is single-valued")
                .containsExactly("  keep\\the backslash");
        assertThat(dataset.getString(Tag.RescaleType)).contains("HU");
    }

    @Test
    void backslashSeparatesValuesKeepingEmptyOnes() throws Exception {
        // given
        DicomDataset dataset = read(DicomStream.explicitLittle()
                .text(Tag.ImageType, "CS", "ORIGINAL\\PRIMARY\\\\AXIAL")
                .text(Tag.Modality, "CS", ""));

        // then
        assertThat(dataset.getStrings(Tag.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "", "AXIAL");
        assertThat(dataset.contains(Tag.Modality)).isTrue();
        assertThat(dataset.getString(Tag.Modality)).as("present but empty").isEmpty();
        assertThat(dataset.getStrings(Tag.BodyPartExamined)).as("absent").isEmpty();
    }

    @Test
    void decimalAndIntegerStringsAreParsedLeniently() throws Exception {
        // given
        DicomDataset dataset = read(DicomStream.explicitLittle()
                .text(Tag.NumberOfFrames, "IS", " +12 ")
                .text(Tag.WindowCenter, "DS", " 40\\-1.5e2\\.5\\7.")
                .text(Tag.WindowWidth, "DS", "1,5")
                .text(Tag.RescaleIntercept, "DS", "-1024\\NaN")
                .text(Tag.RescaleSlope, "DS", "1e999"));

        // then
        assertThat(dataset.getInt(Tag.NumberOfFrames)).hasValue(12);
        assertThat(dataset.getDoubles(Tag.WindowCenter)).containsExactly(40.0, -150.0, 0.5, 7.0);
        assertThat(dataset.getDouble(Tag.WindowWidth)).as("a writer's decimal comma").hasValue(1.5);
        assertThat(dataset.getDoubles(Tag.RescaleIntercept)).as("one value is not a number").isEmpty();
        assertThat(dataset.getDouble(Tag.RescaleSlope)).as("not finite").isEmpty();
        assertThat(dataset.getString(Tag.RescaleSlope)).contains("1e999");
    }

    @Test
    void integerStringWrittenAsADecimalCountsWhenItIsWhole() throws Exception {
        // given
        DicomDataset whole = read(DicomStream.explicitLittle().text(Tag.NumberOfFrames, "IS", "2.0"));
        DicomDataset fraction = read(DicomStream.explicitLittle().text(Tag.NumberOfFrames, "IS", "2.5"));

        // then
        assertThat(whole.getInt(Tag.NumberOfFrames)).hasValue(2);
        assertThat(fraction.getInt(Tag.NumberOfFrames)).isEmpty();
    }

    static Stream<Arguments> byteOrders() {
        return Stream.of(Arguments.of(EXPLICIT_LE, (Supplier<DicomStream>) DicomStream::explicitLittle),
                Arguments.of(EXPLICIT_BE, (Supplier<DicomStream>) DicomStream::explicitBig));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteOrders")
    void binaryNumbersKeepTheirSignednessInEitherByteOrder(String syntax, Supplier<DicomStream> encoding)
            throws Exception {
        // given
        DicomDataset dataset = reader.read(encoding.get()
                .ul(PRIVATE_UL, 0xFFFF_FFFEL, 7)
                .sl(PRIVATE_SL, -5)
                .fd(PRIVATE_FD, 2.5, -0.25)
                .us(Tag.Rows, 0xFFFF)
                .ss(Tag.LUTDescriptor, -2000)
                .file(syntax)).dataset();

        // then
        assertThat(dataset.getInt(Tag.Rows)).hasValue(65_535);
        assertThat(dataset.getInt(Tag.LUTDescriptor)).hasValue(-2000);
        assertThat(dataset.getInt(PRIVATE_SL)).hasValue(-5);
        assertThat(dataset.getInts(PRIVATE_UL)).as("4294967294 does not fit an int").isEmpty();
        assertThat(dataset.getDoubles(PRIVATE_UL)).containsExactly(4_294_967_294.0, 7.0);
        assertThat(dataset.getDoubles(PRIVATE_FD)).containsExactly(2.5, -0.25);
        assertThat(dataset.getInt(Tag.Modality)).as("absent").isEmpty();
        assertThat(dataset.getString(Tag.Rows)).as("not text").isEmpty();
    }

    @Test
    void otherWordsReadAsUnsignedWordsAndRawBytesInTheDataSetsOrder() throws Exception {
        // given
        byte[] words = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) 1).putShort((short) -1)
                .array();
        DicomDataset dataset = reader.read(DicomStream.explicitBig().element(Tag.LUTData, "OW", words)
                .file(EXPLICIT_BE)).dataset();

        // then
        assertThat(dataset.getInts(Tag.LUTData)).containsExactly(1, 65_535);
        ByteBuffer bytes = dataset.getBytes(Tag.LUTData).orElseThrow();
        assertThat(bytes.isReadOnly()).isTrue();
        assertThat(bytes.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(bytes.getShort(2)).isEqualTo((short) -1);
        assertThat(dataset.valueLength(Tag.LUTData)).hasValue(4);
    }

    @Test
    void isoIr192IsUtf8AndEverythingElseLatin1WithoutFailing() throws Exception {
        // given
        DicomDataset utf8 = read(DicomStream.explicitLittle().text(Tag.SpecificCharacterSet, "CS", "ISO_IR 192")
                .text(Tag.RescaleType, "LO", "Müller", StandardCharsets.UTF_8));
        DicomDataset latin1 = read(DicomStream.explicitLittle().text(Tag.SpecificCharacterSet, "CS", "ISO_IR 100")
                .text(Tag.RescaleType, "LO", "Müller", StandardCharsets.ISO_8859_1));
        DicomDataset japanese = read(DicomStream.explicitLittle()
                .text(Tag.SpecificCharacterSet, "CS", "\\ISO 2022 IR 87")
                .element(Tag.RescaleType, "LO", new byte[] {0x1B, '$', 'B', 0x3B, 0x33, 0x45, 0x44})
                .text(Tag.Modality, "CS", "MR"));

        // then
        assertThat(utf8.getString(Tag.RescaleType)).contains("Müller");
        assertThat(latin1.getString(Tag.RescaleType)).contains("Müller");
        assertThat(japanese.characterSet()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(japanese.getString(Tag.RescaleType)).isPresent();
        assertThat(japanese.getString(Tag.Modality)).contains("MR");
    }

    @Test
    void sequenceGettersOnOtherElementsAreEmpty() throws Exception {
        // given
        DicomDataset dataset = read(DicomStream.explicitLittle().us(Tag.Rows, 1));

        // then
        assertThat(dataset.getSequence(Tag.Rows)).isEmpty();
        assertThat(dataset.getSequence(Tag.VOILUTSequence)).isEmpty();
        assertThat(dataset.pixelData()).isEmpty();
        assertThat(dataset.vr(Tag.Rows)).contains(VR.US);
        assertThat(dataset.toString()).isEqualTo("DicomDataset[1 elements]");
    }

    private DicomDataset read(DicomStream stream) throws DicomParseException {
        return reader.read(stream.file(EXPLICIT_LE)).dataset();
    }
}
