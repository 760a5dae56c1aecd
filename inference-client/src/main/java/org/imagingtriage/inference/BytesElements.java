package org.imagingtriage.inference;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw-contents layout of a BYTES tensor: each element is a 4-byte little-endian unsigned
 * length followed by that many bytes, elements back to back in row-major order.
 */
public final class BytesElements {

  private static final int LENGTH_PREFIX = Integer.BYTES;

  private BytesElements() {}

  public static ByteString encode(List<byte[]> elements) {
    long total = 0;
    for (byte[] element : elements) {
      total += LENGTH_PREFIX + element.length;
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("BYTES tensor of " + total + " bytes is too large");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] element : elements) {
      buffer.putInt(element.length);
      buffer.put(element);
    }
    buffer.flip();
    return ByteString.copyFrom(buffer);
  }

  /**
   * Decodes exactly {@code expectedCount} elements from untrusted bytes.
   *
   * <p>Every length is checked against what remains before anything is allocated, so a corrupt
   * or hostile length cannot make us allocate more than the message already holds.
   *
   * @throws MalformedTensorException if a length overruns the buffer, the count differs, or
   *     bytes are left over
   */
  public static List<byte[]> decode(ByteString raw, long expectedCount, String tensorName) {
    ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    // Each element takes at least its prefix, which bounds a believable count by the buffer.
    if (expectedCount < 0 || expectedCount > buffer.remaining() / LENGTH_PREFIX) {
      throw new MalformedTensorException(
          tensorName,
          "shape promises " + expectedCount + " BYTES elements but only " + buffer.remaining()
              + " bytes arrived");
    }
    List<byte[]> elements = new ArrayList<>((int) expectedCount);
    for (long i = 0; i < expectedCount; i++) {
      if (buffer.remaining() < LENGTH_PREFIX) {
        throw new MalformedTensorException(
            tensorName, "element " + i + " has a truncated length prefix");
      }
      long length = Integer.toUnsignedLong(buffer.getInt());
      if (length > buffer.remaining()) {
        throw new MalformedTensorException(
            tensorName,
            "element " + i + " claims " + length + " bytes but " + buffer.remaining()
                + " remain");
      }
      byte[] element = new byte[(int) length];
      buffer.get(element);
      elements.add(element);
    }
    if (buffer.hasRemaining()) {
      throw new MalformedTensorException(
          tensorName, buffer.remaining() + " bytes follow the last BYTES element");
    }
    return elements;
  }
}
