package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.DEFLATED;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_BE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.IMPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.JPEG_BASELINE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.SAMPLES;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same image in every transfer syntax the reader parses, and the file layouts around it. */
class DicomReaderSyntaxTest {

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    static Stream<Arguments> nativeSyntaxes() {
        return Stream.of(
                Arguments.of(EXPLICIT_LE, (Supplier<DicomStream>) DicomStream::explicitLittle, ByteOrder.LITTLE_ENDIAN),
                Arguments.of(IMPLICIT_LE, (Supplier<DicomStream>) DicomStream::implicitLittle, ByteOrder.LITTLE_ENDIAN),
                Arguments.of(EXPLICIT_BE, (Supplier<DicomStream>) DicomStream::explicitBig, ByteOrder.BIG_ENDIAN),
                Arguments.of(DEFLATED, (Supplier<DicomStream>) DicomStream::explicitLittle, ByteOrder.LITTLE_ENDIAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeSyntaxes")
    void everyNativeSyntaxGivesTheSameAttributesAndSamples(String syntax, Supplier<DicomStream> encoding,
            ByteOrder order) throws Exception {
        // given
        byte[] file = DicomFixtures.image(encoding.get()).file(syntax);

        // when
        DicomFile parsed = reader.read(file);

        // then
        DicomDataset dataset = parsed.dataset();
        assertThat(parsed.transferSyntax().uid()).isEqualTo(syntax);
        assertThat(parsed.deviations()).isEmpty();
        assertThat(parsed.fileMetaInformation().getString(Tag.TransferSyntaxUID)).contains(syntax);
        assertThat(dataset.getString(Tag.Modality)).contains("CR");
        assertThat(dataset.getString(Tag.SOPInstanceUID)).contains("2.25.42");
        assertThat(dataset.getInt(Tag.Rows)).hasValue(2);
        assertThat(dataset.getInt(Tag.Columns)).hasValue(3);
        assertThat(dataset.getInt(Tag.BitsStored)).hasValue(12);
        assertThat(dataset.getDoubles(Tag.WindowCenter)).containsExactly(2048.0, 1024.0);
        assertThat(parsed.numberOfFrames()).hasValue(1);
        NativePixelData pixels = (NativePixelData) parsed.pixelData().orElseThrow();
        assertThat(pixels.byteOrder()).isEqualTo(order);
        assertThat(pixels.length()).isEqualTo(SAMPLES.length * 2);
        assertThat(words(pixels.buffer())).containsExactly(SAMPLES);
        assertThat(parsed.pixelDataOffset()).hasValue(pixels.elementOffset());
    }

    @Test
    void implicitVrTakesTheVrFromTheDictionary() throws Exception {
        // given
        byte[] file = DicomFixtures.image(DicomStream.implicitLittle()).file(IMPLICIT_LE);

        // when
        DicomDataset dataset = reader.read(file).dataset();

        // then
        assertThat(dataset.vr(Tag.Rows)).contains(VR.US);
        assertThat(dataset.vr(Tag.Modality)).contains(VR.CS);
        assertThat(dataset.vr(Tag.PixelData)).contains(VR.OW);
    }

    @Test
    void deflatedPixelDataPointsIntoTheInflatedDataSet() throws Exception {
        // given
        byte[] file = DicomFixtures.image(DicomStream.explicitLittle()).file(DEFLATED);

        // when
        DicomFile parsed = reader.read(file);

        // then: the view is of the inflated bytes, which the caller never had
        NativePixelData pixels = (NativePixelData) parsed.pixelData().orElseThrow();
        assertThat(parsed.transferSyntax().isDeflated()).isTrue();
        assertThat(pixels.offset() + pixels.length()).isLessThanOrEqualTo(
                DicomFixtures.image(DicomStream.explicitLittle()).bytes().length);
        assertThat(words(pixels.buffer())).containsExactly(SAMPLES);
    }

    @Test
    void encapsulatedSyntaxGivesFragmentsNotSamples() throws Exception {
        // given
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9, 0};
        byte[] file = DicomFixtures.header(DicomStream.explicitLittle()).encapsulated(null, jpeg).file(JPEG_BASELINE);

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.transferSyntax().isEncapsulated()).isTrue();
        assertThat(parsed.transferSyntax().name()).isEqualTo("JPEG Baseline (Process 1)");
        EncapsulatedPixelData pixels = (EncapsulatedPixelData) parsed.pixelData().orElseThrow();
        assertThat(pixels.basicOffsetTable()).isEmpty();
        assertThat(pixels.fragments()).hasSize(1);
        assertThat(bytes(pixels.fragment(0))).containsExactly(jpeg);
    }

    @Test
    void fileWithoutPreambleThatStartsWithItsMetaGroupIsRead() throws Exception {
        // given
        byte[] withPreamble = DicomFixtures.image(DicomStream.explicitLittle()).file(EXPLICIT_LE);
        byte[] file = Arrays.copyOfRange(withPreamble, DicomReader.PREAMBLE_LENGTH + 4, withPreamble.length);

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.deviations()).containsExactly(Deviation.NO_PREAMBLE);
        assertThat(parsed.dataset().getString(Tag.Modality)).contains("CR");
    }

    @Test
    void bareDataSetWithoutPreambleOrMetaIsNotDicom() {
        // given: what pydicom's ExplVR_LitEndNoMeta.dcm is; its encoding would be a guess
        byte[] file = DicomFixtures.image(DicomStream.explicitLittle()).bytes();

        // when
        DicomParseException refused = catchThrowableOfType(DicomParseException.class, () -> reader.read(file));

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.NOT_DICOM);
        assertThat(refused.imagingReason()).isEqualTo(ImagingReason.FORMAT_MISMATCH);
    }

    @Test
    void missingTransferSyntaxIsInferredFromTheFirstElement() throws Exception {
        // given: meta_missing_tsyntax.dcm in pydicom's corpus is such a file
        byte[] meta = DicomStream.explicitLittle().text(Tag.MediaStorageSOPClassUID, "UI", "1.2.3").bytes();
        byte[] explicit = DicomStream.part10(meta, DicomFixtures.image(DicomStream.explicitLittle()).bytes());
        byte[] implicit = DicomStream.part10(meta, DicomFixtures.image(DicomStream.implicitLittle()).bytes());

        // when
        DicomFile fromExplicit = reader.read(explicit);
        DicomFile fromImplicit = reader.read(implicit);

        // then
        assertThat(fromExplicit.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(fromImplicit.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(fromExplicit.deviations()).containsExactly(Deviation.TRANSFER_SYNTAX_MISSING);
        assertThat(fromImplicit.deviations()).containsExactly(Deviation.TRANSFER_SYNTAX_MISSING);
        assertThat(fromImplicit.dataset().getInt(Tag.Columns)).hasValue(3);
    }

    @Test
    void dataSetEncodedAgainstItsSyntaxIsReadAsEncoded() throws Exception {
        // given: pydicom's SC_rgb_jpeg.dcm says JPEG Baseline but is written in implicit VR
        byte[] implicitAsExplicit = DicomFixtures.image(DicomStream.implicitLittle()).file(EXPLICIT_LE);
        byte[] explicitAsImplicit = DicomFixtures.image(DicomStream.explicitLittle()).file(IMPLICIT_LE);

        // when
        DicomFile first = reader.read(implicitAsExplicit);
        DicomFile second = reader.read(explicitAsImplicit);

        // then
        assertThat(first.deviations()).containsExactly(Deviation.IMPLICIT_VR_IN_EXPLICIT_SYNTAX);
        assertThat(second.deviations()).containsExactly(Deviation.EXPLICIT_VR_IN_IMPLICIT_SYNTAX);
        assertThat(first.dataset().getInt(Tag.Rows)).hasValue(2);
        assertThat(second.dataset().getInt(Tag.Rows)).hasValue(2);
        assertThat(first.transferSyntax().uid()).isEqualTo(EXPLICIT_LE);
    }

    @Test
    void unknownTransferSyntaxIsRefusedWithoutQuotingItsUid() {
        // given
        String privateUid = "1.3.6.1.4.1.99999.77.1";
        byte[] file = DicomFixtures.image(DicomStream.explicitLittle()).file(privateUid);

        // when
        DicomParseException refused = catchThrowableOfType(DicomParseException.class, () -> reader.read(file));

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.UNSUPPORTED_TRANSFER_SYNTAX);
        assertThat(refused.imagingReason()).isEqualTo(ImagingReason.UNSUPPORTED_TRANSFER_SYNTAX);
        assertThat(refused.getMessage()).contains("TransferSyntaxUID (0002,0010)").doesNotContain(privateUid);
    }

    @Test
    void dicmPrefixWithoutFileMetaGroupIsRefused() {
        // given
        byte[] file = DicomStream.part10(new byte[0], DicomFixtures.image(DicomStream.explicitLittle()).bytes());

        // when
        DicomParseException refused = catchThrowableOfType(DicomParseException.class, () -> reader.read(file));

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.MISSING_FILE_META);
        assertThat(refused.offset()).isEqualTo(DicomReader.PREAMBLE_LENGTH + 4);
    }

    @Test
    void wrongFileMetaGroupLengthIsToleratedAndNoted() throws Exception {
        // given: the group length claims 2 bytes more than the group-0002 elements take
        byte[] good = DicomStream.meta(EXPLICIT_LE);
        byte[] meta = good.clone();
        ByteBuffer.wrap(meta).order(ByteOrder.LITTLE_ENDIAN).putInt(8, ByteBuffer.wrap(good)
                .order(ByteOrder.LITTLE_ENDIAN).getInt(8) + 2);
        byte[] file = DicomStream.part10(meta, DicomFixtures.image(DicomStream.explicitLittle()).bytes());

        // when
        DicomFile parsed = reader.read(file);

        // then
        assertThat(parsed.deviations()).containsExactly(Deviation.FILE_META_GROUP_LENGTH_WRONG);
        assertThat(parsed.dataset().getString(Tag.Modality)).contains("CR");
    }

    private static int[] words(ByteBuffer buffer) {
        int[] words = new int[buffer.remaining() / 2];
        for (int i = 0; i < words.length; i++) {
            words[i] = Short.toUnsignedInt(buffer.getShort());
        }
        return words;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
