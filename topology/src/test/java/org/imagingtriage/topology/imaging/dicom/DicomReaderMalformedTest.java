package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.DEFLATED;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.JPEG_BASELINE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.refusal;
import static org.imagingtriage.topology.imaging.dicom.DicomStream.Length.DEFINED;

import java.nio.charset.StandardCharsets;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.junit.jupiter.api.Test;

/**
 * Lying lengths, misplaced items and delimiters, bad VR bytes: each refused with its reason,
 * naming tags, never quoting values.
 */
class DicomReaderMalformedTest {

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    @Test
    void lengthNearFourGibibytesDoesNotOverflow() {
        // given: 0xFFFFFFFE, one below undefined, read as an unsigned number
        byte[] file = DicomStream.explicitLittle().header(Tag.LUTData, "OW", 0xFFFF_FFFEL).raw(new byte[8])
                .file(EXPLICIT_LE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.TRUNCATED);
        assertThat(refused.getMessage()).contains("4294967294");
    }

    @Test
    void elementLongerThanItsItemIsALyingLength() {
        // given: an item of 10 bytes holding an element that claims 20 of them
        DicomStream stream = DicomStream.explicitLittle();
        DicomStream item = stream.item().header(Tag.RescaleType, "LO", 20).raw(new byte[2]);
        byte[] file = stream.sequence(Tag.ModalityLUTSequence, DEFINED, item).raw(new byte[40]).file(EXPLICIT_LE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.LENGTH_EXCEEDS_CONTAINER);
        assertThat(refused.imagingReason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(refused.getMessage()).contains("RescaleType (0028,1054) claims 20 bytes but 2 remain");
    }

    @Test
    void itemLongerThanItsSequenceIsALyingLength() {
        // given: a sequence claiming 8 bytes whose item claims 16
        DicomStream stream = DicomStream.explicitLittle();
        byte[] file = stream.header(Tag.ModalityLUTSequence, "SQ", 8).raw(stream.itemHeader(Tag.Item, 16))
                .raw(new byte[32]).file(EXPLICIT_LE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.LENGTH_EXCEEDS_CONTAINER);
    }

    @Test
    void undefinedItemThatOutrunsItsDefinedSequenceIsALyingLength() {
        // given: a defined-length sequence ends before its undefined-length item is delimited
        DicomStream stream = DicomStream.explicitLittle();
        DicomStream content = stream.item().us(Tag.Rows, 1);
        byte[] itemBytes = concat(stream.itemHeader(Tag.Item, DicomStream.UNDEFINED), content.bytes());
        byte[] file = stream.header(Tag.ModalityLUTSequence, "SQ", itemBytes.length).raw(itemBytes)
                .us(Tag.Columns, 1).file(EXPLICIT_LE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.LENGTH_EXCEEDS_CONTAINER);
        assertThat(refused.getMessage()).contains("no Item Delimitation Item");
    }

    @Test
    void undefinedLengthOnAShortVrIsRefused() {
        // given
        byte[] file = DicomStream.explicitLittle().header(Tag.LUTData, "OF", DicomStream.UNDEFINED).file(EXPLICIT_LE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.INVALID_LENGTH);
        assertThat(refused.getMessage()).contains("LUTData (0028,3006)", "OF");
    }

    @Test
    void basicOffsetTableNotAMultipleOfFourIsRefused() {
        // given
        DicomStream stream = DicomStream.explicitLittle();
        byte[] file = stream.header(Tag.PixelData, "OB", DicomStream.UNDEFINED).raw(stream.itemHeader(Tag.Item, 6))
                .raw(new byte[6]).raw(stream.itemHeader(Tag.SequenceDelimitationItem, 0)).file(JPEG_BASELINE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.INVALID_LENGTH);
    }

    @Test
    void itemsAndDelimitersWhereNoneMayBeAreRefused() {
        // given
        DicomStream stream = DicomStream.explicitLittle();
        byte[] itemAtTopLevel = stream.item().raw(stream.itemHeader(Tag.Item, 0)).file(EXPLICIT_LE);
        byte[] delimiterAtTopLevel = stream.item().raw(stream.itemHeader(Tag.ItemDelimitationItem, 0))
                .file(EXPLICIT_LE);
        byte[] elementInSequence = stream.item().header(Tag.ModalityLUTSequence, "SQ", DicomStream.UNDEFINED)
                .us(Tag.Rows, 1).file(EXPLICIT_LE);
        byte[] elementInFragments = stream.item().header(Tag.PixelData, "OB", DicomStream.UNDEFINED)
                .raw(stream.itemHeader(Tag.Item, 0)).us(Tag.Rows, 1).file(JPEG_BASELINE);
        byte[] delimiterInDefinedSequence = stream.item().header(Tag.ModalityLUTSequence, "SQ", 8)
                .raw(stream.itemHeader(Tag.SequenceDelimitationItem, 0)).file(EXPLICIT_LE);

        // when / then
        for (byte[] file : new byte[][] {itemAtTopLevel, delimiterAtTopLevel, elementInSequence, elementInFragments,
                delimiterInDefinedSequence}) {
            assertThat(refusal(reader, file).reason()).isEqualTo(DicomReason.INVALID_STRUCTURE);
        }
    }

    @Test
    void bytesThatAreNotAVrAreRefusedWhereTheyStand() {
        // given: the second element's VR is "x1"
        byte[] dataset = DicomStream.explicitLittle().us(Tag.Rows, 1).header(Tag.Columns, "x1", 2).raw(new byte[2])
                .bytes();
        byte[] file = DicomStream.explicitLittle().raw(dataset).file(EXPLICIT_LE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.INVALID_VR);
        assertThat(refused.offset()).isEqualTo(DicomStream.datasetStart(EXPLICIT_LE) + 10 + 4);
        assertThat(refused.getMessage()).contains("Columns (0028,0011)");
    }

    @Test
    void notADeflateStreamIsRefused() {
        // given: the syntax says deflated, the bytes are plain explicit VR
        byte[] meta = DicomStream.meta(DEFLATED);
        byte[] file = DicomStream.part10(meta, concat(new byte[] {(byte) 0xFF, (byte) 0xFF},
                DicomFixtures.image(DicomStream.explicitLittle()).bytes()));

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.INFLATE_FAILED);
    }

    @Test
    void refusalsNameTagsAndNeverValues() {
        // given: PHI, then an element that lies about its length
        String phi = "DOE^JANE";
        byte[] file = DicomStream.explicitLittle().text(Tag.PatientName, "PN", phi)
                .header(Tag.PatientID, "LO", 200).raw(phi.getBytes(StandardCharsets.US_ASCII)).file(EXPLICIT_LE);

        // when
        DicomParseException refused = refusal(reader, file);

        // then
        assertThat(refused.getMessage()).contains("PatientID (0010,0020)").doesNotContain(phi);
        assertThat(refused.toImagingException().detail()).startsWith("DICOM TRUNCATED: ").doesNotContain(phi);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
