package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * A {@link DisplayImage} whose rows are table lookups of the stored samples: the rendering half
 * of {@link DicomDisplayRenderer}. Either one input sample per pixel mapped through one table per
 * output channel (grey: one table; CT: three windows into R, G, B), or three input samples per
 * pixel each mapped through the same table (RGB). Reads the sample arrays directly, with no
 * allocation or boxing per row or pixel.
 */
final class LutRows implements DisplayImage {

    private final int width;
    private final int height;
    private final int inputChannels;
    private final int offset;
    private final byte[][] tables;
    /** For three tables: entry i's R, G and B in one int (0xRRGGBB), so a pixel is one lookup. */
    private final int[] packed;
    private final byte[] bytes;
    private final short[] shorts;
    private final int mask;

    /**
     * @param offset the stored value of entry 0 in every table (the image's minimum), so
     *     {@code table[sample - offset]} is the sample's display value, signed data included
     */
    LutRows(int width, int height, int inputChannels, Samples samples, int offset, byte[]... tables) {
        if (inputChannels == 3 && tables.length != 1) {
            throw new IllegalArgumentException("three-sample pixels take one table, got " + tables.length);
        }
        if (tables.length != 1 && tables.length != 3) {
            throw new IllegalArgumentException("one table (grey) or three (R, G, B) expected, got " + tables.length);
        }
        this.width = width;
        this.height = height;
        this.inputChannels = inputChannels;
        this.offset = offset;
        this.tables = tables.clone();
        this.packed = tables.length == 3 ? pack(tables) : null;
        if (samples instanceof Samples.Bytes b) {
            this.bytes = b.data();
            this.shorts = null;
            this.mask = 0xff;
        } else {
            Samples.Shorts s = (Samples.Shorts) samples;
            this.bytes = null;
            this.shorts = s.data();
            // Signed samples are used as the sign-extended short; unsigned ones masked to 16 bits.
            this.mask = s.signed() ? -1 : 0xffff;
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int channels() {
        return inputChannels == 3 ? 3 : tables.length;
    }

    @Override
    public void readRow(int y, byte[] destination) {
        int samplesPerRow = width * inputChannels;
        int base = y * samplesPerRow;
        if (tables.length == 1) {
            // One loop per array kind, so the per-sample work is a load, a subtraction and a lookup.
            byte[] table = tables[0];
            if (bytes != null) {
                for (int i = 0; i < samplesPerRow; i++) {
                    destination[i] = table[(bytes[base + i] & 0xff) - offset];
                }
            } else {
                for (int i = 0; i < samplesPerRow; i++) {
                    destination[i] = table[(shorts[base + i] & mask) - offset];
                }
            }
            return;
        }
        // One sample, three tables (CT's windows): one packed lookup per pixel.
        int[] rgb = packed;
        if (bytes != null) {
            for (int x = 0, o = 0; x < width; x++, o += 3) {
                int value = rgb[(bytes[base + x] & 0xff) - offset];
                destination[o] = (byte) (value >> 16);
                destination[o + 1] = (byte) (value >> 8);
                destination[o + 2] = (byte) value;
            }
        } else {
            for (int x = 0, o = 0; x < width; x++, o += 3) {
                int value = rgb[(shorts[base + x] & mask) - offset];
                destination[o] = (byte) (value >> 16);
                destination[o + 1] = (byte) (value >> 8);
                destination[o + 2] = (byte) value;
            }
        }
    }

    private static int[] pack(byte[][] tables) {
        int[] packed = new int[tables[0].length];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (tables[0][i] & 0xff) << 16 | (tables[1][i] & 0xff) << 8 | tables[2][i] & 0xff;
        }
        return packed;
    }
}
