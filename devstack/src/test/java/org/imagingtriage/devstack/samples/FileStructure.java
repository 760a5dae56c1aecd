package org.imagingtriage.devstack.samples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Lists a file's PNG chunk types or JPEG markers, independently of the code under test. */
final class FileStructure {

    private FileStructure() {
    }

    /** Chunk types in file order, such as [IHDR, IDAT, IEND]. */
    static List<String> pngChunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(png);
        int position = 8;
        while (position + 8 <= png.length) {
            int length = buffer.getInt(position);
            types.add(new String(png, position + 4, 4, StandardCharsets.US_ASCII));
            position += 12 + length;
        }
        return types;
    }

    /** Markers (the byte after 0xFF) of the segments before the first scan, then SOS (0xDA). */
    static List<Integer> jpegMarkersUpToScan(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int position = 2;
        while (position + 4 <= jpeg.length) {
            int marker = jpeg[position + 1] & 0xff;
            markers.add(marker);
            if (marker == 0xda) {
                break;
            }
            int length = ((jpeg[position + 2] & 0xff) << 8) | (jpeg[position + 3] & 0xff);
            position += 2 + length;
        }
        return markers;
    }
}
