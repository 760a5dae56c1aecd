package org.imagingtriage.inference;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One output tensor of a response, held in the raw wire layout whichever way it arrived
 * (raw_output_contents or typed contents), and decoded on request by type.
 */
public final class OutputTensor {

  private final String name;
  private final Datatype datatype;
  private final List<Long> shape;
  private final ByteString raw;
  private final long elementCount;

  OutputTensor(String name, Datatype datatype, List<Long> shape, ByteString raw) {
    this.name = name;
    this.datatype = datatype;
    this.shape = List.copyOf(shape);
    this.raw = raw;
    try {
      this.elementCount = TensorShape.elementCount(this.shape);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new MalformedTensorException(name, "shape " + TensorShape.format(shape) + " is invalid");
    }
    if (datatype.isFixedSize() && elementCount * datatype.elementSize() != raw.size()) {
      throw new MalformedTensorException(
          name,
          "shape " + TensorShape.format(this.shape) + " of " + datatype + " needs "
              + elementCount * datatype.elementSize() + " bytes, got " + raw.size());
    }
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

  public long elementCount() {
    return elementCount;
  }

  /** The tensor in the wire layout, for types without a typed accessor (FP16, BF16). */
  public ByteString rawContents() {
    return raw;
  }

  public List<byte[]> asBytesList() {
    require(Datatype.BYTES);
    return BytesElements.decode(raw, elementCount, name);
  }

  public List<String> asStrings() {
    return asBytesList().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
  }

  /** The single element of a one-element BYTES tensor, as UTF-8 text. */
  public String asString() {
    List<String> values = asStrings();
    if (values.size() != 1) {
      throw new IllegalStateException(
          "output " + name + " has " + values.size() + " elements, not one");
    }
    return values.get(0);
  }

  public byte[] asUint8() {
    require(Datatype.UINT8);
    return raw.toByteArray();
  }

  public boolean[] asBool() {
    require(Datatype.BOOL);
    boolean[] values = new boolean[(int) elementCount];
    for (int i = 0; i < values.length; i++) {
      values[i] = raw.byteAt(i) != 0;
    }
    return values;
  }

  public int[] asInt32() {
    require(Datatype.INT32);
    ByteBuffer buffer = little();
    int[] values = new int[(int) elementCount];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getInt();
    }
    return values;
  }

  public long[] asInt64() {
    require(Datatype.INT64);
    ByteBuffer buffer = little();
    long[] values = new long[(int) elementCount];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getLong();
    }
    return values;
  }

  public float[] asFp32() {
    require(Datatype.FP32);
    ByteBuffer buffer = little();
    float[] values = new float[(int) elementCount];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getFloat();
    }
    return values;
  }

  public double[] asFp64() {
    require(Datatype.FP64);
    ByteBuffer buffer = little();
    double[] values = new double[(int) elementCount];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getDouble();
    }
    return values;
  }

  private ByteBuffer little() {
    return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  private void require(Datatype expected) {
    if (datatype != expected) {
      throw new IllegalStateException(
          "output " + name + " is " + datatype + ", not " + expected);
    }
  }

  @Override
  public String toString() {
    return "OutputTensor[" + name + " " + datatype + " " + TensorShape.format(shape) + "]";
  }
}
