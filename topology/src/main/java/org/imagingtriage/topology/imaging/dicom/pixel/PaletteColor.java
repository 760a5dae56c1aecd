package org.imagingtriage.topology.imaging.dicom.pixel;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.Tag;

/**
 * PALETTE COLOR (PS3.3 C.7.6.3.1.5 and C.7.6.3.1.6): each stored value indexes three lookup
 * tables, red, green and blue. A descriptor gives the number of entries (0 meaning 65536), the
 * first stored value mapped and the bits per entry (8 or 16). Values below the first mapped one
 * take the first entry, values past the table the last. Segmented palettes are refused.
 *
 * @param bits 8 (the image becomes 8-bit RGB) or 16
 */
record PaletteColor(int firstMapped, int bits, int[] red, int[] green, int[] blue) {

    private static final int[][] TAGS = {
        {Tag.RedPaletteColorLookupTableDescriptor, Tag.RedPaletteColorLookupTableData},
        {Tag.GreenPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableData},
        {Tag.BluePaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableData},
    };

    static PaletteColor of(DicomDataset dataset) throws ImagingException {
        int[][] tables = new int[3][];
        int first = 0;
        int bits = 0;
        for (int c = 0; c < 3; c++) {
            int[] descriptor = dataset.getInts(TAGS[c][0]);
            if (descriptor.length != 3 || (descriptor[2] != 8 && descriptor[2] != 16)) {
                throw ImageDescriptor.corrupt(Tag.describe(TAGS[c][0]) + " must hold 3 values, the last 8 or 16");
            }
            if (c > 0 && (descriptor[1] != first || descriptor[2] != bits)) {
                throw ImageDescriptor.corrupt("the three palette descriptors disagree on first value or bits");
            }
            first = descriptor[1];
            bits = descriptor[2];
            int entries = descriptor[0] == 0 ? 65_536 : descriptor[0];
            tables[c] = table(dataset, TAGS[c][1], entries, bits);
        }
        return new PaletteColor(first, bits, tables[0], tables[1], tables[2]);
    }

    private static int[] table(DicomDataset dataset, int tag, int entries, int bits) throws ImagingException {
        Optional<ByteBuffer> data = dataset.getBytes(tag);
        if (data.isEmpty()) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_COLOR_SPACE, "PALETTE COLOR without "
                    + Tag.describe(tag) + " (a segmented palette, or none) is not supported");
        }
        ByteBuffer buffer = data.get();
        int[] table = new int[entries];
        if (bits == 8 && buffer.remaining() == entries) {
            for (int i = 0; i < entries; i++) {
                table[i] = buffer.get(i) & 0xff;
            }
            return table;
        }
        // Words (OW), also for 8-bit entries, whose value is then the low byte of each word.
        if (buffer.remaining() < 2 * entries) {
            throw ImageDescriptor.corrupt(Tag.describe(tag) + " holds " + buffer.remaining() + " bytes for "
                    + entries + " entries");
        }
        int mask = bits == 8 ? 0xff : 0xffff;
        for (int i = 0; i < entries; i++) {
            table[i] = buffer.getShort(2 * i) & mask;
        }
        return table;
    }

    /** Indices (unsigned) to interleaved R, G, B: bytes for 8-bit tables, unsigned shorts for 16-bit. */
    Samples apply(Samples indices) {
        int length = indices.length();
        byte[] narrow = bits == 8 ? new byte[length * 3] : null;
        short[] wide = bits == 8 ? null : new short[length * 3];
        for (int i = 0; i < length; i++) {
            int index = (indices.get(i) & 0xffff) - firstMapped;
            int r = lookup(red, index);
            int g = lookup(green, index);
            int b = lookup(blue, index);
            if (narrow != null) {
                narrow[3 * i] = (byte) r;
                narrow[3 * i + 1] = (byte) g;
                narrow[3 * i + 2] = (byte) b;
            } else {
                wide[3 * i] = (short) r;
                wide[3 * i + 1] = (short) g;
                wide[3 * i + 2] = (short) b;
            }
        }
        return narrow != null ? new Samples.Bytes(narrow) : new Samples.Shorts(wide, false);
    }

    private static int lookup(int[] table, int index) {
        return table[Math.max(0, Math.min(table.length - 1, index))];
    }
}
