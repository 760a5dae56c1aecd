package org.imagingtriage.topology.imaging.dicom.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.imagingtriage.topology.imaging.dicom.pixel.DicomDecoderNativeTest.values;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodeLimits;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.dicom.TransferSyntax;
import org.junit.jupiter.api.Test;

class DicomDecoderEncapsulatedTest {

    private final DicomDecoder decoder = new DicomDecoder(DecodeLimits.defaults(), DicomLimits.defaults());

    @Test
    void rle16BitFrameIsDecodedMostSignificantPlaneFirst() throws Exception {
        // given: 4 pixels; high plane as a replicate run, low plane as a literal run
        byte[] frame = rle(new byte[] {-3, 0x12}, new byte[] {3, 1, 2, 3, 4});
        byte[] file = PixelFiles.grey(2, 2, 16, 16).syntax(TransferSyntax.RLE_LOSSLESS)
                .encapsulated(null, frame).file();

        // when / then
        assertThat(values(decoder.decode(file))).containsExactly(0x1201, 0x1202, 0x1203, 0x1204);
    }

    @Test
    void rleRgbSegmentsAreInterleaved() throws Exception {
        // given
        byte[] frame = rle(new byte[] {-1, 9}, new byte[] {-1, 8}, new byte[] {1, 7, 6});
        byte[] file = PixelFiles.colour(1, 2, "RGB").syntax(TransferSyntax.RLE_LOSSLESS)
                .encapsulated(null, frame).file();

        // when / then
        assertThat(values(decoder.decode(file))).containsExactly(9, 8, 7, 9, 8, 6);
    }

    @Test
    void rleFramesFollowTheBasicOffsetTable() throws Exception {
        // given: three frames, the middle one split over two fragments
        byte[] frame0 = rle(new byte[] {-1, 1});
        byte[] frame1 = rle(new byte[] {-1, 2});
        byte[] head = Arrays.copyOf(frame1, 40);
        byte[] tail = Arrays.copyOfRange(frame1, 40, frame1.length);
        byte[] frame2 = rle(new byte[] {-1, 3});
        long[] table = {0, 8 + frame0.length, 8 + frame0.length + 8 + head.length + 8 + tail.length};
        byte[] file = PixelFiles.grey(1, 2, 8, 8).text(Tag.NumberOfFrames, "IS", "3")
                .syntax(TransferSyntax.RLE_LOSSLESS).encapsulated(table, frame0, head, tail, frame2).file();

        // when / then
        assertThat(values(decoder.decode(file))).containsExactly(2, 2);
    }

    @Test
    void malformedRleIsCorruptNeverAnotherException() {
        // given
        byte[][] frames = {
            new byte[10], // shorter than the header
            withSegments(rle(new byte[] {-1, 1}), 2), // wrong segment count
            withOffset(rle(new byte[] {-1, 1}), 1_000_000), // offset past the end
            rle(new byte[] {4, 1}), // a literal run longer than the segment (even with its pad byte)
            rle(new byte[] {-128, -128, -128}), // no-ops only, then the end
            rle(new byte[] {0, 5}), // ends after 1 of 2 bytes
        };

        for (byte[] frame : frames) {
            byte[] file = PixelFiles.grey(1, 2, 8, 8).syntax(TransferSyntax.RLE_LOSSLESS)
                    .encapsulated(null, frame).file();

            // when
            ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

            // then
            assertThat(refused).as("refused").isNotNull();
            assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        }
    }

    @Test
    void jpegLsIsAnUnsupportedTransferSyntaxNamedByTheStandard() {
        // given
        byte[] file = PixelFiles.grey(1, 1, 8, 8).syntax(TransferSyntax.JPEG_LS_LOSSLESS)
                .encapsulated(null, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7}).file();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_TRANSFER_SYNTAX);
        assertThat(refused.detail()).contains("JPEG-LS Lossless Image Compression", "1.2.840.10008.1.2.4.80");
    }

    @Test
    void twelveBitJpegIsAnUnsupportedTransferSyntax() {
        // given: SOI and an SOF1 header declaring 12-bit precision
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC1, 0, 11, 12, 0, 1, 0, 1, 1, 1, 0x11, 0};
        byte[] file = PixelFiles.grey(1, 1, 16, 12).syntax(TransferSyntax.JPEG_EXTENDED)
                .encapsulated(null, jpeg).file();

        // when
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.UNSUPPORTED_TRANSFER_SYNTAX);
        assertThat(refused.detail()).contains("1.2.840.10008.1.2.4.51", "12-bit");
    }

    @Test
    void garbageInAJpegFragmentIsCorrupt() {
        // given
        byte[] file = PixelFiles.grey(1, 1, 8, 8).syntax(TransferSyntax.JPEG_BASELINE)
                .encapsulated(null, new byte[] {1, 2, 3, 4, 5, 6}).file();

        // when / then
        assertThat(catchThrowableOfType(ImagingException.class, () -> decoder.decode(file)).reason())
                .isEqualTo(ImagingReason.CORRUPT_IMAGE);
    }

    @Test
    void aHugeHeaderIsRefusedBeforeAnyPixelIsAllocated() {
        // given: 65535 x 65535 declared over 2 bytes of pixel data
        byte[] file = PixelFiles.grey(65_535, 65_535, 16, 16).pixelWords(0).file();
        long before = usedHeap();

        // when
        long start = System.nanoTime();
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));
        long millis = (System.nanoTime() - start) / 1_000_000;

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.PIXEL_LIMIT_EXCEEDED);
        assertThat(millis).isLessThan(2_000);
        assertThat(usedHeap() - before).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aGibibyteClaimedPixelLengthFailsFast() {
        // given: the pixel data element claims 1 GiB; the file has none of it
        byte[] file = PixelFiles.grey(16, 16, 16, 16).pixelHeaderOnly(1L << 30).file();

        // when
        long start = System.nanoTime();
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> decoder.decode(file));
        long millis = (System.nanoTime() - start) / 1_000_000;

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.CORRUPT_IMAGE);
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void pixelDataOverTheReaderCapIsADicomLimit() {
        // given
        DicomLimits small = new DicomLimits(1024, 16, 1024, 16, 1000, 10);
        DicomDecoder capped = new DicomDecoder(DecodeLimits.defaults(), small);
        byte[] file = PixelFiles.grey(4, 4, 16, 16).pixelWords(new int[16]).file();

        // when / then
        assertThat(catchThrowableOfType(ImagingException.class, () -> capped.decode(file)).reason())
                .isEqualTo(ImagingReason.DICOM_LIMIT_EXCEEDED);
    }

    /** An RLE frame: the 64-byte header with one offset per segment, then the segments. */
    static byte[] rle(byte[]... segments) {
        int length = 64;
        for (byte[] segment : segments) {
            length += segment.length;
        }
        ByteBuffer frame = ByteBuffer.allocate(length + length % 2).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(segments.length);
        int offset = 64;
        for (int i = 0; i < 15; i++) {
            frame.putInt(i < segments.length ? offset : 0);
            offset += i < segments.length ? segments[i].length : 0;
        }
        for (byte[] segment : segments) {
            frame.put(segment);
        }
        return frame.array();
    }

    private static byte[] withSegments(byte[] frame, int segments) {
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(0, segments);
        return frame;
    }

    private static byte[] withOffset(byte[] frame, int offset) {
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(4, offset);
        return frame;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
