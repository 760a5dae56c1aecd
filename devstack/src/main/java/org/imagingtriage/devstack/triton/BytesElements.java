package org.imagingtriage.devstack.triton;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

/**
 * The BYTES tensor layout: every element is a 4-byte little-endian length and then that many
 * bytes, elements back to back. Lengths come from the client, so they are only ever compared with
 * what the buffer holds; nothing is allocated from them.
 *
 * <p>Deliberately not shared with inference-client's encoder: the simulator is the oracle the
 * client is tested against, and a codec bug both sides shared would pass every test.
 */
final class BytesElements {

    private static final int LENGTH_PREFIX = 4;

    private BytesElements() {
    }

    /**
     * Splits a BYTES buffer into exactly {@code expectedCount} elements, requiring that they use
     * up the buffer exactly. The messages for a short length prefix and a wrong element count are
     * Triton's (core src/infer_request.cc, ValidateBytesInputs). A declared length that runs past
     * the end of the buffer is refused here, where Triton only notices it if an element is missing.
     *
     * @return views into {@code data}, not copies
     */
    static List<ByteString> split(ByteString data, long expectedCount, String requestId, String inputName,
                                  String modelName) {
        String prefix = TritonError.requestPrefix(requestId);
        List<ByteString> elements = new ArrayList<>((int) Math.min(expectedCount, 1024));
        int offset = 0;
        int size = data.size();
        while (offset < size) {
            int remaining = size - offset;
            if (remaining < LENGTH_PREFIX) {
                throw TritonError.invalidArgument(prefix + "incomplete string length indicator for inference input '"
                        + inputName + "' for model '" + modelName + "', expecting 4 bytes but only " + remaining
                        + " bytes available. Please make sure the string length indicator is in one buffer.");
            }
            long length = unsignedLittleEndianInt(data, offset);
            offset += LENGTH_PREFIX;
            if (elements.size() + 1L > expectedCount) {
                throw TritonError.invalidArgument(prefix + "unexpected number of string elements "
                        + (elements.size() + 1L) + " for inference input '" + inputName + "' for model '" + modelName
                        + "', expecting " + expectedCount);
            }
            if (length > size - offset) {
                throw TritonError.invalidArgument(prefix + "element " + elements.size() + " of inference input '"
                        + inputName + "' for model '" + modelName + "' declares " + length
                        + " bytes but only " + (size - offset) + " bytes remain");
            }
            elements.add(data.substring(offset, offset + (int) length));
            offset += (int) length;
        }
        if (elements.size() != expectedCount) {
            throw TritonError.invalidArgument(prefix + "expected " + expectedCount
                    + " string elements for inference input '" + inputName + "' for model '" + modelName
                    + "', got " + elements.size());
        }
        return elements;
    }

    private static long unsignedLittleEndianInt(ByteString data, int offset) {
        return (data.byteAt(offset) & 0xFFL)
                | (data.byteAt(offset + 1) & 0xFFL) << 8
                | (data.byteAt(offset + 2) & 0xFFL) << 16
                | (data.byteAt(offset + 3) & 0xFFL) << 24;
    }

    /** Lays out elements as a BYTES buffer. */
    static ByteString join(List<byte[]> elements) {
        long total = 0;
        for (byte[] element : elements) {
            total += LENGTH_PREFIX + element.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("BYTES tensor of " + total + " bytes is too large");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] element : elements) {
            buffer.putInt(element.length).put(element);
        }
        buffer.flip();
        return ByteString.copyFrom(buffer);
    }

    static ByteString joinStrings(List<String> elements) {
        List<byte[]> bytes = new ArrayList<>(elements.size());
        elements.forEach(element -> bytes.add(element.getBytes(StandardCharsets.UTF_8)));
        return join(bytes);
    }
}
