package org.imagingtriage.topology.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Test-only writer of DICOM data sets and Part 10 files, byte by byte, in any of the three
 * encodings. It writes what it is told, lies included (a length that is not the value's, a VR
 * that is not one), so tests can build both valid files and hostile ones.
 */
final class DicomStream {

    static final long UNDEFINED = 0xFFFF_FFFFL;

    /** Sequence and item lengths: written out, or undefined with delimiters. */
    enum Length { DEFINED, UNDEFINED }

    private final boolean explicitVr;
    private final boolean bigEndian;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Where each top-level element ends: the only places a truncated copy is still a valid data set. */
    private final List<Integer> boundaries = new ArrayList<>();

    private DicomStream(boolean explicitVr, boolean bigEndian) {
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    static DicomStream explicitLittle() {
        return new DicomStream(true, false);
    }

    static DicomStream implicitLittle() {
        return new DicomStream(false, false);
    }

    static DicomStream explicitBig() {
        return new DicomStream(true, true);
    }

    /** An empty stream in this one's encoding, for an item's contents. */
    DicomStream item() {
        return new DicomStream(explicitVr, bigEndian);
    }

    /** A header only: for lying lengths, undefined lengths and bad VRs. */
    DicomStream header(int tag, String vr, long length) {
        writeTag(tag);
        if (!explicitVr) {
            writeInt(length);
            return this;
        }
        out.writeBytes(vr.getBytes(StandardCharsets.ISO_8859_1));
        if (VR.forCode(vr).map(VR::hasLongLength).orElse(false)) {
            writeShort(0);
            writeInt(length);
        } else {
            writeShort((int) length);
        }
        return this;
    }

    DicomStream element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return mark();
    }

    /** Text padded to even length as PS3.5 says: UI with NUL, the rest with a space. */
    DicomStream text(int tag, String vr, String value) {
        return text(tag, vr, value, StandardCharsets.ISO_8859_1);
    }

    DicomStream text(int tag, String vr, String value, Charset charset) {
        byte[] bytes = value.getBytes(charset);
        if (bytes.length % 2 == 1) {
            byte[] padded = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, padded, 0, bytes.length);
            padded[bytes.length] = (byte) ("UI".equals(vr) ? 0 : ' ');
            bytes = padded;
        }
        return element(tag, vr, bytes);
    }

    DicomStream us(int tag, int... values) {
        ByteBuffer buffer = buffer(values.length * 2);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return element(tag, "US", buffer.array());
    }

    DicomStream ss(int tag, int... values) {
        ByteBuffer buffer = buffer(values.length * 2);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return element(tag, "SS", buffer.array());
    }

    DicomStream ul(int tag, long... values) {
        ByteBuffer buffer = buffer(values.length * 4);
        for (long value : values) {
            buffer.putInt((int) value);
        }
        return element(tag, "UL", buffer.array());
    }

    DicomStream sl(int tag, int... values) {
        ByteBuffer buffer = buffer(values.length * 4);
        for (int value : values) {
            buffer.putInt(value);
        }
        return element(tag, "SL", buffer.array());
    }

    DicomStream fd(int tag, double... values) {
        ByteBuffer buffer = buffer(values.length * 8);
        for (double value : values) {
            buffer.putDouble(value);
        }
        return element(tag, "FD", buffer.array());
    }

    /** Native pixel data as OW words in this stream's byte order. */
    DicomStream pixelWords(int... samples) {
        ByteBuffer buffer = buffer(samples.length * 2);
        for (int sample : samples) {
            buffer.putShort((short) sample);
        }
        return element(Tag.PixelData, "OW", buffer.array());
    }

    /** A sequence whose items are the given streams, with the same length form for sequence and items. */
    DicomStream sequence(int tag, Length length, DicomStream... items) {
        return sequence(tag, "SQ", length, length, items);
    }

    DicomStream sequence(int tag, String vr, Length sequenceLength, Length itemLength, DicomStream... items) {
        // Item headers are in the items' encoding: a UN sequence's items are implicit VR little endian.
        DicomStream itemEncoding = items.length == 0 ? this : items[0];
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (DicomStream item : items) {
            byte[] content = item.bytes();
            value.writeBytes(item.itemHeader(Tag.Item, itemLength == Length.DEFINED ? content.length : UNDEFINED));
            value.writeBytes(content);
            if (itemLength == Length.UNDEFINED) {
                value.writeBytes(item.itemHeader(Tag.ItemDelimitationItem, 0));
            }
        }
        if (sequenceLength == Length.UNDEFINED) {
            value.writeBytes(itemEncoding.itemHeader(Tag.SequenceDelimitationItem, 0));
        }
        header(tag, vr, sequenceLength == Length.DEFINED ? value.size() : UNDEFINED);
        out.writeBytes(value.toByteArray());
        return mark();
    }

    /** Encapsulated pixel data: a basic offset table (empty when null), fragments, the delimiter. */
    DicomStream encapsulated(long[] offsetTable, byte[]... fragments) {
        header(Tag.PixelData, "OB", UNDEFINED);
        long[] offsets = offsetTable == null ? new long[0] : offsetTable;
        out.writeBytes(itemHeader(Tag.Item, offsets.length * 4L));
        for (long offset : offsets) {
            writeInt(offset);
        }
        for (byte[] fragment : fragments) {
            out.writeBytes(itemHeader(Tag.Item, fragment.length));
            out.writeBytes(fragment);
        }
        out.writeBytes(itemHeader(Tag.SequenceDelimitationItem, 0));
        return mark();
    }

    /** An item or delimiter header (tag, 4-byte length) in this stream's byte order. */
    byte[] itemHeader(int tag, long length) {
        return buffer(8).putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length).array();
    }

    DicomStream raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Marks the current length as the end of a complete top-level element. */
    DicomStream mark() {
        boundaries.add(out.size());
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    List<Integer> boundaries() {
        return List.copyOf(boundaries);
    }

    /** A Part 10 file: zero preamble, "DICM", the file meta group, then this data set (deflated if the syntax says). */
    byte[] file(String transferSyntaxUid) {
        byte[] dataset = bytes();
        if (TransferSyntax.forUid(transferSyntaxUid).isDeflated()) {
            dataset = deflate(dataset);
        }
        return part10(meta(transferSyntaxUid), dataset);
    }

    /** Zero preamble, "DICM", then the given file meta group and data set bytes as they are. */
    static byte[] part10(byte[] meta, byte[] dataset) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[DicomReader.PREAMBLE_LENGTH]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(meta);
        file.writeBytes(dataset);
        return file.toByteArray();
    }

    /** Offset of this data set in {@link #file}'s result (the file meta group's length varies with the UID). */
    static int datasetStart(String transferSyntaxUid) {
        return DicomReader.PREAMBLE_LENGTH + 4 + meta(transferSyntaxUid).length;
    }

    /** The file meta group, explicit VR little endian, with its group length. */
    static byte[] meta(String transferSyntaxUid) {
        return metaStream(transferSyntaxUid).bytes();
    }

    /** {@link #meta} with its element boundaries. */
    static DicomStream metaStream(String transferSyntaxUid) {
        DicomStream group = explicitLittle()
                .element(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1})
                .text(Tag.MediaStorageSOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .text(Tag.MediaStorageSOPInstanceUID, "UI", "2.25.1234")
                .text(Tag.TransferSyntaxUID, "UI", transferSyntaxUid)
                .text(Tag.ImplementationClassUID, "UI", "2.25.5678");
        byte[] elements = group.bytes();
        DicomStream meta = explicitLittle().ul(Tag.FileMetaInformationGroupLength, elements.length);
        int groupStart = meta.out.size();
        meta.raw(elements);
        for (int boundary : group.boundaries) {
            meta.boundaries.add(groupStart + boundary);
        }
        return meta;
    }

    /** Raw deflate (RFC 1951), as PS3.5 A.5 requires. */
    static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private void writeTag(int tag) {
        writeShort(tag >>> 16);
        writeShort(tag & 0xFFFF);
    }

    private void writeShort(int value) {
        out.writeBytes(buffer(2).putShort((short) value).array());
    }

    private void writeInt(long value) {
        out.writeBytes(buffer(4).putInt((int) value).array());
    }
}
