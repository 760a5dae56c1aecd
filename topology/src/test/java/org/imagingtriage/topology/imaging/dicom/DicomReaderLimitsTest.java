package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.DEFLATED;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.EXPLICIT_LE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.JPEG_BASELINE;
import static org.imagingtriage.topology.imaging.dicom.DicomFixtures.refusal;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.junit.jupiter.api.Test;

/** Inputs built to exhaust memory, time or stack: each stops at a cap, fast, having allocated little. */
class DicomReaderLimitsTest {

    private static final long ONE_GIB = 1L << 30;
    private static final int NESTING = 10_000;

    private final DicomReader reader = new DicomReader(DicomLimits.defaults());

    @Test
    void pixelDataClaimingOneGibibyteFailsFastWithoutAllocating() {
        // given: a 1 GiB native pixel data claim, followed by four bytes
        byte[] file = DicomStream.explicitLittle().us(Tag.Rows, 1).header(Tag.PixelData, "OW", ONE_GIB)
                .raw(new byte[4]).file(EXPLICIT_LE);

        // when
        long before = AllocationMeter.bytesSoFar();
        DicomParseException refused = refusal(reader, file);
        long allocated = AllocationMeter.bytesSoFar() - before;

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.TRUNCATED);
        assertThat(refused.getMessage()).contains("PixelData (7FE0,0010) claims 1073741824 bytes but 4 remain");
        assertThat(allocated).isLessThan(1 << 20);
    }

    @Test
    void fragmentClaimingOneGibibyteFailsFastWithoutAllocating() {
        // given
        DicomStream stream = DicomStream.explicitLittle();
        byte[] file = stream.header(Tag.PixelData, "OB", DicomStream.UNDEFINED).raw(stream.itemHeader(Tag.Item, 0))
                .raw(stream.itemHeader(Tag.Item, ONE_GIB)).raw(new byte[16]).file(JPEG_BASELINE);

        // when
        long before = AllocationMeter.bytesSoFar();
        DicomParseException refused = refusal(reader, file);
        long allocated = AllocationMeter.bytesSoFar() - before;

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.TRUNCATED);
        assertThat(allocated).isLessThan(1 << 20);
    }

    @Test
    void tenThousandNestedSequencesFailFastAtTheDepthCap() {
        // given
        byte[] file = nested(NESTING);

        // when
        long started = System.nanoTime();
        DicomParseException refused = refusal(reader, file);
        long millis = (System.nanoTime() - started) / 1_000_000;

        // then
        assertThat(refused.reason()).isEqualTo(DicomReason.SEQUENCE_TOO_DEEP);
        assertThat(refused.imagingReason()).isEqualTo(ImagingReason.DICOM_LIMIT_EXCEEDED);
        assertThat(refused.getMessage()).contains("deeper than 16");
        assertThat(millis).isLessThan(1_000);
    }

    @Test
    void tenThousandNestedSequencesParseWithoutRecursionWhenAllowed() throws Exception {
        // given: the cap raised above the nesting, so only the parser's own stack use is tested
        DicomReader deep = new DicomReader(DicomLimits.defaults().withMaxDepth(NESTING));

        // when
        DicomDataset dataset = deep.read(nested(NESTING)).dataset();

        // then: walk down iteratively, as the parser does
        int depth = 0;
        while (dataset.contains(Tag.ModalityLUTSequence)) {
            dataset = dataset.getSequence(Tag.ModalityLUTSequence).get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(NESTING);
    }

    @Test
    void deflateBombStopsAtTheInflateCap() {
        // given: 256 MiB of zeros in an OB element, 32 times the cap and about 256 KiB once deflated
        byte[] file = deflateBomb(256L << 20);
        DicomReader capped = new DicomReader(DicomLimits.defaults().withMaxInflatedBytes(8 << 20));

        // when
        long before = AllocationMeter.bytesSoFar();
        DicomParseException refused = refusal(capped, file);
        long allocated = AllocationMeter.bytesSoFar() - before;

        // then: the buffer doubles up to one byte past the cap, so about twice the cap at most
        assertThat(refused.reason()).isEqualTo(DicomReason.INFLATED_TOO_LARGE);
        assertThat(refused.imagingReason()).isEqualTo(ImagingReason.DICOM_LIMIT_EXCEEDED);
        assertThat(allocated).isLessThan(32L << 20);
    }

    @Test
    void capsOnElementsFragmentsAndLengthsAreEnforced() {
        // given: the file meta group alone holds six elements of up to 26 bytes
        DicomLimits small = new DicomLimits(30, 8, 1 << 20, 4, 10, 2);
        DicomReader strict = new DicomReader(small);
        DicomStream stream = DicomStream.explicitLittle();
        byte[] manyElements = stream.item().us(Tag.SamplesPerPixel, 1).us(Tag.Rows, 1).us(Tag.Columns, 1)
                .us(Tag.BitsAllocated, 8).us(Tag.BitsStored, 8).us(Tag.HighBit, 7).file(EXPLICIT_LE);
        byte[] longElement = stream.item().text(Tag.RescaleType, "LO", "0123456789ABCDEF0123456789ABCDEF")
                .file(EXPLICIT_LE);
        byte[] longPixels = stream.item().pixelWords(1, 2, 3, 4, 5).file(EXPLICIT_LE);
        byte[] manyFragments = stream.item().encapsulated(null, new byte[2], new byte[2], new byte[2])
                .file(JPEG_BASELINE);
        byte[] longFragments = stream.item().encapsulated(null, new byte[6], new byte[4]).file(JPEG_BASELINE);
        byte[] longOffsetTable = stream.item().encapsulated(new long[] {0, 1, 2}, new byte[2]).file(JPEG_BASELINE);

        // when / then
        assertThat(refusal(strict, manyElements).reason()).isEqualTo(DicomReason.TOO_MANY_ELEMENTS);
        assertThat(refusal(strict, longElement).reason()).isEqualTo(DicomReason.ELEMENT_TOO_LONG);
        assertThat(refusal(strict, longPixels).reason()).isEqualTo(DicomReason.PIXEL_DATA_TOO_LONG);
        assertThat(refusal(strict, manyFragments).reason()).isEqualTo(DicomReason.TOO_MANY_FRAGMENTS);
        assertThat(refusal(strict, longFragments).reason()).isEqualTo(DicomReason.PIXEL_DATA_TOO_LONG);
        assertThat(refusal(strict, longOffsetTable).reason()).isEqualTo(DicomReason.TOO_MANY_FRAGMENTS);
    }

    /** Sequences nested {@code depth} deep, all of undefined length, each holding one item that holds the next. */
    private static byte[] nested(int depth) {
        DicomStream stream = DicomStream.explicitLittle();
        DicomStream open = stream.item();
        for (int i = 0; i < depth; i++) {
            open.header(Tag.ModalityLUTSequence, "SQ", DicomStream.UNDEFINED)
                    .raw(stream.itemHeader(Tag.Item, DicomStream.UNDEFINED));
        }
        for (int i = 0; i < depth; i++) {
            open.raw(stream.itemHeader(Tag.ItemDelimitationItem, 0))
                    .raw(stream.itemHeader(Tag.SequenceDelimitationItem, 0));
        }
        return open.file(EXPLICIT_LE);
    }

    /** A deflated file whose data set is one OB element of {@code zeros} zero bytes, streamed through the deflater. */
    private static byte[] deflateBomb(long zeros) {
        byte[] header = DicomStream.explicitLittle().header(Tag.DataSetTrailingPadding, "OB", zeros).bytes();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        byte[] out = new byte[1 << 16];
        try {
            deflater.setInput(header);
            drain(deflater, out, compressed);
            for (long written = 0; written < zeros; written += chunk.length) {
                deflater.setInput(chunk);
                drain(deflater, out, compressed);
            }
            deflater.finish();
            while (!deflater.finished()) {
                compressed.write(out, 0, deflater.deflate(out));
            }
        } finally {
            deflater.end();
        }
        return DicomStream.part10(DicomStream.meta(DEFLATED), compressed.toByteArray());
    }

    private static void drain(Deflater deflater, byte[] out, ByteArrayOutputStream compressed) {
        while (!deflater.needsInput()) {
            compressed.write(out, 0, deflater.deflate(out));
        }
    }
}
