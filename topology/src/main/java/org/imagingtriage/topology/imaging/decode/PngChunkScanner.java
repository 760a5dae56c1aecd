package org.imagingtriage.topology.imaging.decode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Walks a PNG's chunks without decompressing anything: checks the structure (every chunk inside
 * the file, every CRC right, IHDR first, IEND present) and collects the names of metadata chunks.
 *
 * <p>Done here rather than through ImageIO's metadata tree because text chunks may sit anywhere
 * between IHDR and IEND, including after the image data, and ImageIO's reader does not verify
 * CRCs: a truncated or bit-flipped file is caught before the decoder runs.
 */
final class PngChunkScanner {

    /** PNG keywords are 1 to 79 Latin-1 bytes. */
    private static final int MAX_KEYWORD = 79;
    private static final int SIGNATURE_LENGTH = 8;
    private static final int CHUNK_OVERHEAD = 12;

    /** The metadata key an {@code eXIf} chunk is reported under, the same as a JPEG's EXIF. */
    static final String EXIF = "EXIF";

    private PngChunkScanner() {
    }

    /** Names of the file's text chunks (their keywords) and {@code EXIF} for an eXIf chunk. */
    static Set<String> metadataKeys(byte[] png) throws ImagingException {
        Set<String> keys = new LinkedHashSet<>();
        CRC32 crc = new CRC32();
        int position = SIGNATURE_LENGTH;
        boolean first = true;
        while (true) {
            if (png.length - position < CHUNK_OVERHEAD) {
                throw corrupt("truncated: the file ends before its IEND chunk");
            }
            long length = readUnsignedInt(png, position);
            if (length > png.length - position - CHUNK_OVERHEAD) {
                throw corrupt("truncated: a chunk runs past the end of the file");
            }
            int typeAt = position + 4;
            int dataAt = position + 8;
            int dataLength = (int) length;
            String type = chunkType(png, typeAt);
            crc.reset();
            crc.update(png, typeAt, 4 + dataLength);
            if (crc.getValue() != readUnsignedInt(png, dataAt + dataLength)) {
                throw corrupt("a chunk's CRC does not match its contents");
            }
            if (first && !type.equals("IHDR")) {
                throw corrupt("the first chunk is not IHDR");
            }
            first = false;
            switch (type) {
                case "tEXt", "zTXt", "iTXt" -> keys.add(keyword(png, dataAt, dataLength));
                case "eXIf" -> keys.add(EXIF);
                case "IEND" -> {
                    return keys;
                }
                default -> {
                    // Image data, palette, colour and layout chunks carry no text.
                }
            }
            position = dataAt + dataLength + 4;
        }
    }

    private static String chunkType(byte[] png, int at) throws ImagingException {
        for (int i = 0; i < 4; i++) {
            int c = png[at + i];
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw corrupt("a chunk type is not four ASCII letters");
            }
        }
        return new String(png, at, 4, StandardCharsets.US_ASCII);
    }

    private static String keyword(byte[] png, int dataAt, int dataLength) {
        int limit = Math.min(dataLength, MAX_KEYWORD);
        int end = 0;
        while (end < limit && png[dataAt + end] != 0) {
            end++;
        }
        return new String(png, dataAt, end, StandardCharsets.ISO_8859_1);
    }

    private static long readUnsignedInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xffL) << 24) | ((bytes[at + 1] & 0xffL) << 16) | ((bytes[at + 2] & 0xffL) << 8)
                | (bytes[at + 3] & 0xffL);
    }

    private static ImagingException corrupt(String detail) {
        return new ImagingException(ImagingReason.CORRUPT_IMAGE, "PNG " + detail);
    }
}
