package org.imagingtriage.topology.imaging.dicom.pixel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imagingtriage.topology.imaging.dicom.Tag;
import org.imagingtriage.topology.imaging.dicom.TransferSyntax;

/**
 * Test-only writer of small explicit VR little endian Part 10 files: attributes are collected
 * and written in tag order, pixel data native or encapsulated. It writes what it is told, so
 * tests can build lying headers too.
 */
public final class PixelFiles {

    /** VRs with a 4-byte length in explicit VR (PS3.5 7.1.2). */
    private static final Set<String> LONG_LENGTH = Set.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UN",
            "UC", "UR", "UT", "SV", "UV");

    private final Map<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);
    private String syntax = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    /** A greyscale image header: rows x columns, bits allocated/stored, unsigned, one frame. */
    public static PixelFiles grey(int rows, int columns, int bitsAllocated, int bitsStored) {
        return new PixelFiles().text(Tag.Modality, "CS", "CT").us(Tag.SamplesPerPixel, 1)
                .text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2").us(Tag.Rows, rows).us(Tag.Columns, columns)
                .us(Tag.BitsAllocated, bitsAllocated).us(Tag.BitsStored, bitsStored).us(Tag.HighBit, bitsStored - 1)
                .us(Tag.PixelRepresentation, 0);
    }

    /** An RGB (or other three-sample) image header, 8 bits, interleaved. */
    public static PixelFiles colour(int rows, int columns, String photometric) {
        return grey(rows, columns, 8, 8).us(Tag.SamplesPerPixel, 3).text(Tag.PhotometricInterpretation, "CS",
                photometric).us(Tag.PlanarConfiguration, 0);
    }

    public PixelFiles syntax(TransferSyntax transferSyntax) {
        this.syntax = transferSyntax.uid();
        return this;
    }

    public PixelFiles us(int tag, int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return element(tag, "US", buffer.array());
    }

    public PixelFiles text(int tag, String vr, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length % 2 == 1) {
            bytes = (value + ("UI".equals(vr) ? "\0" : " ")).getBytes(StandardCharsets.ISO_8859_1);
        }
        return element(tag, vr, bytes);
    }

    public PixelFiles words(int tag, int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return element(tag, "OW", buffer.array());
    }

    /** Native pixel data as OB bytes (8-bit samples, 1-bit packing, RLE-free). */
    public PixelFiles pixelBytes(byte[] bytes) {
        return element(Tag.PixelData, "OB", bytes);
    }

    /** Native pixel data as OW words. */
    public PixelFiles pixelWords(int... samples) {
        return words(Tag.PixelData, samples);
    }

    /** Native 32-bit pixel data, little endian (the value of an OW element, as words in pairs). */
    public PixelFiles pixelInts(int... samples) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int sample : samples) {
            buffer.putInt(sample);
        }
        return element(Tag.PixelData, "OW", buffer.array());
    }

    /** Encapsulated pixel data: an optional basic offset table, then the fragments. */
    public PixelFiles encapsulated(long[] offsetTable, byte[]... fragments) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        long[] table = offsetTable == null ? new long[0] : offsetTable;
        value.writeBytes(itemHeader(0xFFFEE000, 4 * table.length));
        ByteBuffer entries = ByteBuffer.allocate(4 * table.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long entry : table) {
            entries.putInt((int) entry);
        }
        value.writeBytes(entries.array());
        for (byte[] fragment : fragments) {
            value.writeBytes(itemHeader(0xFFFEE000, fragment.length));
            value.writeBytes(fragment);
        }
        value.writeBytes(itemHeader(0xFFFEE0DD, 0));
        elements.put(Tag.PixelData, concat(header(Tag.PixelData, "OB", 0xFFFF_FFFFL), value.toByteArray()));
        return this;
    }

    public PixelFiles element(int tag, String vr, byte[] value) {
        elements.put(tag, concat(header(tag, vr, value.length), value));
        return this;
    }

    /** The raw header of the pixel data element with a claimed length and no value (a lying length). */
    public PixelFiles pixelHeaderOnly(long claimedLength) {
        elements.put(Tag.PixelData, header(Tag.PixelData, "OW", claimedLength));
        return this;
    }

    /** Sequences nested {@code depth} deep, each of undefined length with one item of undefined length. */
    public PixelFiles nestedSequences(int tag, int depth) {
        byte[] inner = new byte[0];
        for (int level = 0; level < depth; level++) {
            inner = concat(concat(concat(header(tag, "SQ", 0xFFFF_FFFFL), itemHeader(0xFFFEE000, -1)),
                    concat(inner, itemHeader(0xFFFEE00D, 0))), itemHeader(0xFFFEE0DD, 0));
        }
        elements.put(tag, inner);
        return this;
    }

    public byte[] file() {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        meta.writeBytes(concat(header(Tag.FileMetaInformationVersion, "OB", 2), new byte[] {0, 1}));
        writeText(meta, Tag.MediaStorageSOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        writeText(meta, Tag.MediaStorageSOPInstanceUID, "2.25.1234");
        writeText(meta, Tag.TransferSyntaxUID, syntax);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size());
        file.writeBytes(concat(header(Tag.FileMetaInformationGroupLength, "UL", 4), length.array()));
        file.writeBytes(meta.toByteArray());
        elements.values().forEach(file::writeBytes);
        return file.toByteArray();
    }

    private static void writeText(ByteArrayOutputStream out, int tag, String uid) {
        byte[] bytes = (uid.length() % 2 == 1 ? uid + "\0" : uid).getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(concat(header(tag, "UI", bytes.length), bytes));
    }

    private static byte[] header(int tag, String vr, long length) {
        boolean longLength = LONG_LENGTH.contains(vr);
        ByteBuffer buffer = ByteBuffer.allocate(longLength ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) (tag >>> 16)).putShort((short) tag);
        buffer.put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longLength) {
            buffer.putShort((short) 0).putInt((int) length);
        } else {
            buffer.putShort((short) length);
        }
        return buffer.array();
    }

    private static byte[] itemHeader(int tag, int length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16))
                .putShort((short) tag).putInt(length).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
