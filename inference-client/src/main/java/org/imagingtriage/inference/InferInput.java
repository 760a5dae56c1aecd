package org.imagingtriage.inference;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One input tensor, already encoded in the KServe v2 raw layout (little-endian, row-major).
 * Built only through the typed factories, so its bytes always agree with its shape.
 */
public final class InferInput {

  private final String name;
  private final Datatype datatype;
  private final List<Long> shape;
  private final ByteString rawContents;

  private InferInput(String name, Datatype datatype, List<Long> shape, ByteString rawContents) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("input name is empty");
    }
    this.name = name;
    this.datatype = Objects.requireNonNull(datatype, "datatype");
    this.shape = List.copyOf(shape);
    this.rawContents = Objects.requireNonNull(rawContents, "rawContents");
    long elements = TensorShape.elementCount(this.shape);
    if (datatype.isFixedSize() && elements * datatype.elementSize() != rawContents.size()) {
      throw new IllegalArgumentException(
          "input " + name + ": shape " + TensorShape.format(this.shape) + " of " + datatype
              + " needs " + elements * datatype.elementSize() + " bytes, got "
              + rawContents.size());
    }
  }

  /**
   * A tensor of any fixed-size type from bytes already in the wire layout (little-endian,
   * row-major). For UINT8 pixels that is simply the pixel bytes.
   */
  public static InferInput raw(String name, Datatype datatype, List<Long> shape, byte[] data) {
    if (!datatype.isFixedSize()) {
      throw new IllegalArgumentException("use bytes(...) or strings(...) for BYTES inputs");
    }
    return new InferInput(name, datatype, shape, ByteString.copyFrom(data));
  }

  public static InferInput uint8(String name, List<Long> shape, byte[] data) {
    return raw(name, Datatype.UINT8, shape, data);
  }

  public static InferInput int32(String name, List<Long> shape, int... values) {
    ByteBuffer buffer = little(values.length * Integer.BYTES);
    for (int value : values) {
      buffer.putInt(value);
    }
    return new InferInput(name, Datatype.INT32, shape, done(buffer));
  }

  public static InferInput int64(String name, List<Long> shape, long... values) {
    ByteBuffer buffer = little(values.length * Long.BYTES);
    for (long value : values) {
      buffer.putLong(value);
    }
    return new InferInput(name, Datatype.INT64, shape, done(buffer));
  }

  public static InferInput fp32(String name, List<Long> shape, float... values) {
    ByteBuffer buffer = little(values.length * Float.BYTES);
    for (float value : values) {
      buffer.putFloat(value);
    }
    return new InferInput(name, Datatype.FP32, shape, done(buffer));
  }

  public static InferInput fp64(String name, List<Long> shape, double... values) {
    ByteBuffer buffer = little(values.length * Double.BYTES);
    for (double value : values) {
      buffer.putDouble(value);
    }
    return new InferInput(name, Datatype.FP64, shape, done(buffer));
  }

  public static InferInput bool(String name, List<Long> shape, boolean... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) (values[i] ? 1 : 0);
    }
    return new InferInput(name, Datatype.BOOL, shape, ByteString.copyFrom(bytes));
  }

  /** A BYTES tensor; the element count must match the shape. */
  public static InferInput bytes(String name, List<Long> shape, List<byte[]> elements) {
    long expected = TensorShape.elementCount(shape);
    if (elements.size() != expected) {
      throw new IllegalArgumentException(
          "input " + name + ": shape " + TensorShape.format(shape) + " needs " + expected
              + " BYTES elements, got " + elements.size());
    }
    return new InferInput(name, Datatype.BYTES, shape, BytesElements.encode(elements));
  }

  /** A BYTES tensor of UTF-8 strings. */
  public static InferInput strings(String name, List<Long> shape, List<String> values) {
    return bytes(
        name,
        shape,
        values.stream().map(value -> value.getBytes(StandardCharsets.UTF_8)).toList());
  }

  public String name() {
    return name;
  }

  public Datatype datatype() {
    return datatype;
  }

  public List<Long> shape() {
    return shape;
  }

  /** The encoded tensor, exactly as it goes into raw_input_contents. */
  public ByteString rawContents() {
    return rawContents;
  }

  private static ByteBuffer little(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteString done(ByteBuffer buffer) {
    buffer.flip();
    return ByteString.copyFrom(buffer);
  }

  @Override
  public String toString() {
    // Never the contents: they may be pixels.
    return "InferInput[" + name + " " + datatype + " " + TensorShape.format(shape) + "]";
  }
}
