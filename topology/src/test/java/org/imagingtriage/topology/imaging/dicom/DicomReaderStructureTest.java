package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_BE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.IMPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.JPEG_BASELINE;
import static org.imagingtriage.topology.imaging.dicom.DicomStream.Length.DEFINED;
import static org.imagingtriage.topology.imaging.dicom.DicomStream.Length.UNDEFINED;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sequences, items, encapsulated and multi-frame pixel data, and stopping at the pixel data. */
class DicomReaderStructureTest {

    private static final int PRIVATE_CREATOR = 0x00090010;
    private static final int PRIVATE_SEQUENCE = 0x00091010;

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    static Stream<Arguments> lengthForms() {
        return Stream.of(
                Arguments.of(EXPLICIT_LE, (Supplier<DicomStream>) DicomStream::explicitLittle, DEFINED),
                Arguments.of(EXPLICIT_LE, (Supplier<DicomStream>) DicomStream::explicitLittle, UNDEFINED),
                Arguments.of(IMPLICIT_LE, (Supplier<DicomStream>) DicomStream::implicitLittle, DEFINED),
                Arguments.of(IMPLICIT_LE, (Supplier<DicomStream>) DicomStream::implicitLittle, UNDEFINED),
                Arguments.of(EXPLICIT_BE, (Supplier<DicomStream>) DicomStream::explicitBig, DEFINED),
                Arguments.of(EXPLICIT_BE, (Supplier<DicomStream>) DicomStream::explicitBig, UNDEFINED));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("lengthForms")
    void nestedSequencesKeepTheirItemsInOrder(String syntax, Supplier<DicomStream> encoding, DicomStream.Length length)
            throws Exception {
        // given: a Modality LUT Sequence whose second item holds a VOI LUT Sequence of its own
        DicomStream empty = encoding.get();
        DicomStream inner = empty.item().text(Tag.WindowCenter, "DS", "40 ").text(Tag.WindowWidth, "DS", "400 ");
        DicomStream first = empty.item().text(Tag.RescaleType, "LO", "HU").us(Tag.LUTDescriptor, 4096, 0, 12);
        DicomStream second = empty.item().text(Tag.RescaleType, "LO", "OD").sequence(Tag.VOILUTSequence, length, inner);
        byte[] file = encoding.get().text(Tag.Modality, "CS", "CT")
                .us(Tag.Rows, 7)
                .sequence(Tag.ModalityLUTSequence, length, first, second)
                .pixelWords(9)
                .file(syntax);

        // when
        DicomFile parsed = reader.read(file);

        // then
        DicomDataset dataset = parsed.dataset();
        assertThat(parsed.deviations()).isEmpty();
        List<DicomDataset> items = dataset.getSequence(Tag.ModalityLUTSequence);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).getInts(Tag.LUTDescriptor)).containsExactly(4096, 0, 12);
        assertThat(items.get(0).getString(Tag.RescaleType)).contains("HU");
        DicomDataset voi = items.get(1).getSequence(Tag.VOILUTSequence).get(0);
        assertThat(voi.getDouble(Tag.WindowWidth)).hasValue(400.0);
        assertThat(parsed.pixelData()).as("the element after the sequence").isPresent();
        assertThat(dataset.tags()).containsExactly(Tag.Modality, Tag.Rows, Tag.ModalityLUTSequence, Tag.PixelData);
    }

    @Test
    void emptySequencesAndEmptyItemsAreKept() throws Exception {
        // given
        DicomStream stream = DicomStream.explicitLittle();
        byte[] file = stream.sequence(Tag.ModalityLUTSequence, DEFINED)
                .sequence(Tag.VOILUTSequence, UNDEFINED, stream.item())
                .file(EXPLICIT_LE);

        // when
        DicomDataset dataset = reader.read(file).dataset();

        // then
        assertThat(dataset.contains(Tag.ModalityLUTSequence)).isTrue();
        assertThat(dataset.getSequence(Tag.ModalityLUTSequence)).isEmpty();
        assertThat(dataset.getSequence(Tag.VOILUTSequence)).singleElement().satisfies(item ->
                assertThat(item.isEmpty()).isTrue());
    }

    @Test
    void unknownElementOfUndefinedLengthIsASequenceOfImplicitVrItems() throws Exception {
        // given: PS3.5 6.2.2, a private sequence written as UN by an explicit VR big endian writer
        DicomStream implicitItem = DicomStream.implicitLittle().text(Tag.Modality, "CS", "MR");
        byte[] file = DicomStream.explicitBig()
                .text(PRIVATE_CREATOR, "LO", "ACME 1.0")
                .sequence(PRIVATE_SEQUENCE, "UN", UNDEFINED, UNDEFINED, implicitItem)
                .us(Tag.Rows, 5)
                .file(EXPLICIT_BE);

        // when
        DicomDataset dataset = reader.read(file).dataset();

        // then
        assertThat(dataset.vr(PRIVATE_SEQUENCE)).contains(VR.UN);
        assertThat(dataset.getSequence(PRIVATE_SEQUENCE)).singleElement()
                .satisfies(item -> assertThat(item.getString(Tag.Modality)).contains("MR"));
        assertThat(dataset.getString(PRIVATE_CREATOR)).contains("ACME 1.0");
        assertThat(dataset.getInt(Tag.Rows)).hasValue(5);
    }

    @Test
    void undefinedLengthInImplicitVrMakesAnUnknownTagASequence() throws Exception {
        // given: implicit VR cannot say SQ; undefined length can only mean a sequence
        DicomStream stream = DicomStream.implicitLittle();
        byte[] file = stream.sequence(PRIVATE_SEQUENCE, UNDEFINED, stream.item().us(Tag.Columns, 9)).file(IMPLICIT_LE);

        // when
        DicomDataset dataset = reader.read(file).dataset();

        // then
        assertThat(dataset.getSequence(PRIVATE_SEQUENCE).get(0).getInt(Tag.Columns)).hasValue(9);
    }

    @Test
    void encapsulatedPixelDataKeepsItsOffsetTableAndFragments() throws Exception {
        // given: two frames, the second in two fragments; offsets count from the first fragment's item
        byte[] frame1 = bytes(10, 11, 12, 13);
        byte[] frame2a = bytes(20, 21);
        byte[] frame2b = bytes(22, 23, 24, 25, 26, 27);
        byte[] file = DicomStream.explicitLittle().text(Tag.NumberOfFrames, "IS", "2")
                .encapsulated(new long[] {0, 8 + frame1.length}, frame1, frame2a, frame2b)
                .file(JPEG_BASELINE);

        // when
        DicomFile parsed = reader.read(file);

        // then
        EncapsulatedPixelData pixels = (EncapsulatedPixelData) parsed.pixelData().orElseThrow();
        assertThat(parsed.numberOfFrames()).hasValue(2);
        assertThat(pixels.basicOffsetTable()).containsExactly(0, 12);
        assertThat(pixels.fragments()).extracting(Fragment::length).containsExactly(4, 2, 6);
        assertThat(pixels.fragmentBytes()).isEqualTo(12);
        assertThat(array(pixels.fragment(2))).containsExactly(frame2b);
        assertThat(pixels.vr()).isEqualTo(VR.OB);
    }

    @Test
    void fragmentBytesThatLookLikeADelimiterAreData() throws Exception {
        // given: pydicom's JPEG2000-embedded-sequence-delimiter.dcm; lengths, not markers, end fragments
        byte[] fragment = bytes(1, 2, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0, 3, 4);
        byte[] file = DicomStream.explicitLittle().encapsulated(null, fragment).file(JPEG_BASELINE);

        // when
        EncapsulatedPixelData pixels = (EncapsulatedPixelData) reader.read(file).pixelData().orElseThrow();

        // then
        assertThat(pixels.fragments()).hasSize(1);
        assertThat(array(pixels.fragment(0))).containsExactly(fragment);
    }

    @Test
    void multiFrameNativePixelDataHoldsEveryFrame() throws Exception {
        // given: three frames of 2x2, 16 bits
        int[] samples = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        byte[] file = DicomStream.explicitLittle().text(Tag.NumberOfFrames, "IS", "3 ").us(Tag.Rows, 2)
                .us(Tag.Columns, 2).pixelWords(samples).file(EXPLICIT_LE);

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.numberOfFrames()).hasValue(3);
        assertThat(((NativePixelData) parsed.pixelData().orElseThrow()).length()).isEqualTo(24);
    }

    @Test
    void numberOfFramesThatIsNotAPositiveIntegerIsUnknown() throws Exception {
        // given: pydicom's badVR.dcm writes "1A"
        byte[] file = DicomStream.explicitLittle().text(Tag.NumberOfFrames, "IS", "1A").file(EXPLICIT_LE);

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.numberOfFrames()).isEmpty();
        assertThat(parsed.dataset().getString(Tag.NumberOfFrames)).contains("1A");
    }

    @Test
    void headerReadStopsAtTopLevelPixelDataButReadsPixelDataInsideItems() throws Exception {
        // given: an icon image inside a sequence, the image's pixel data, then trailing padding
        DicomStream stream = DicomStream.explicitLittle();
        DicomStream icon = stream.item().us(Tag.Rows, 1).us(Tag.Columns, 1).pixelWords(77);
        DicomStream dataset = stream.text(Tag.Modality, "CS", "CT").sequence(Tag.IconImageSequence, UNDEFINED, icon);
        int pixelDataAt = DicomStream.datasetStart(EXPLICIT_LE) + dataset.bytes().length;
        byte[] file = dataset.pixelWords(1, 2, 3, 4).element(Tag.DataSetTrailingPadding, "OB", new byte[6])
                .file(EXPLICIT_LE);

        // when
        DicomFile header = reader.readHeader(file);
        DicomFile whole = reader.read(file);

        // then
        assertThat(header.isHeaderOnly()).isTrue();
        assertThat(header.pixelDataOffset()).hasValue(pixelDataAt);
        assertThat(header.pixelData()).isEmpty();
        assertThat(header.dataset().contains(Tag.DataSetTrailingPadding)).isFalse();
        assertThat(header.dataset().getSequence(Tag.IconImageSequence).get(0).pixelData()).isPresent();
        assertThat(whole.pixelDataOffset()).hasValue(pixelDataAt);
        assertThat(whole.dataset().contains(Tag.DataSetTrailingPadding)).isTrue();
    }

    @Test
    void headerReadOfAFileCutInsideItsPixelDataSucceeds() throws Exception {
        // given
        byte[] whole = DicomFixtures.image(DicomStream.explicitLittle()).file(EXPLICIT_LE);
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);

        // when
        DicomFile header = reader.readHeader(cut);

        // then
        assertThat(header.dataset().getString(Tag.Modality)).contains("CR");
        assertThat(header.pixelDataOffset()).isPresent();
    }

    @Test
    void itemsInheritTheirDataSetsCharacterSetUnlessTheyDeclareTheirOwn() throws Exception {
        // given
        DicomStream stream = DicomStream.explicitLittle();
        DicomStream inheriting = stream.item().text(Tag.RescaleType, "LO", "Grüße", StandardCharsets.UTF_8);
        DicomStream latin = stream.item().text(Tag.SpecificCharacterSet, "CS", "ISO_IR 100")
                .text(Tag.RescaleType, "LO", "Grüße", StandardCharsets.ISO_8859_1);
        byte[] file = stream.text(Tag.SpecificCharacterSet, "CS", "ISO_IR 192")
                .sequence(Tag.ModalityLUTSequence, DEFINED, inheriting, latin).file(EXPLICIT_LE);

        // when
        List<DicomDataset> items = reader.read(file).dataset().getSequence(Tag.ModalityLUTSequence);

        // then
        assertThat(items.get(0).characterSet()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(items.get(0).getString(Tag.RescaleType)).contains("Grüße");
        assertThat(items.get(1).characterSet()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(items.get(1).getString(Tag.RescaleType)).contains("Grüße");
    }

    @Test
    void unsortedAndRepeatedTagsAreSortedFirstOccurrenceKept() throws Exception {
        // given
        byte[] file = DicomStream.explicitLittle().us(Tag.Rows, 1).text(Tag.Modality, "CS", "CT")
                .us(Tag.Rows, 2).file(EXPLICIT_LE);

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.dataset().tags()).containsExactly(Tag.Modality, Tag.Rows);
        assertThat(parsed.dataset().getInt(Tag.Rows)).hasValue(1);
        assertThat(parsed.deviations()).containsExactlyInAnyOrder(Deviation.ELEMENTS_OUT_OF_ORDER,
                Deviation.DUPLICATE_ELEMENT);
    }

    @Test
    void oddValueLengthIsReadAsWrittenAndNoted() throws Exception {
        // given: "CT" then one stray byte: a three-byte CS, against PS3.5 7.1.1
        byte[] file = DicomStream.explicitLittle().element(Tag.Modality, "CS", bytes('C', 'T', ' '))
                .us(Tag.Rows, 4).file(EXPLICIT_LE);

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.deviations()).containsExactly(Deviation.ODD_VALUE_LENGTH);
        assertThat(parsed.dataset().getString(Tag.Modality)).contains("CT");
        assertThat(parsed.dataset().getInt(Tag.Rows)).as("the next element is found").hasValue(4);
    }

    @Test
    void tagsAboveTheSignedRangeSortLastAsInDicom() throws Exception {
        // given: (FFFC,FFFC) is negative as a Java int but the last tag in DICOM order
        byte[] file = DicomStream.explicitLittle().us(Tag.Rows, 3)
                .element(Tag.DataSetTrailingPadding, "OB", new byte[2]).file(EXPLICIT_LE);

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.deviations()).isEmpty();
        assertThat(parsed.dataset().tags()).containsExactly(Tag.Rows, Tag.DataSetTrailingPadding);
        assertThat(parsed.dataset().contains(Tag.DataSetTrailingPadding)).isTrue();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] array(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
