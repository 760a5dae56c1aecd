package org.imagingtriage.inference;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.imagingtriage.inference.proto.InferTensorContents;

/**
 * Converts the typed {@code contents} form of a response tensor into the raw wire layout, so
 * that decoding has one path. Servers may answer this way when a client sends typed contents;
 * we never do, but accept it.
 */
final class TypedContents {

  private TypedContents() {}

  static ByteString toRaw(String tensorName, Datatype datatype, InferTensorContents contents) {
    return switch (datatype) {
      case BOOL -> {
        ByteBuffer buffer = allocate(tensorName, contents.getBoolContentsCount(), 1);
        contents.getBoolContentsList().forEach(value -> buffer.put((byte) (value ? 1 : 0)));
        yield done(buffer);
      }
      case INT8 -> narrowInts(tensorName, contents.getIntContentsList(), 1);
      case INT16 -> narrowInts(tensorName, contents.getIntContentsList(), 2);
      case INT32 -> narrowInts(tensorName, contents.getIntContentsList(), 4);
      case UINT8 -> narrowInts(tensorName, contents.getUintContentsList(), 1);
      case UINT16 -> narrowInts(tensorName, contents.getUintContentsList(), 2);
      case UINT32 -> narrowInts(tensorName, contents.getUintContentsList(), 4);
      case INT64 -> {
        ByteBuffer buffer = allocate(tensorName, contents.getInt64ContentsCount(), 8);
        contents.getInt64ContentsList().forEach(buffer::putLong);
        yield done(buffer);
      }
      case UINT64 -> {
        ByteBuffer buffer = allocate(tensorName, contents.getUint64ContentsCount(), 8);
        contents.getUint64ContentsList().forEach(buffer::putLong);
        yield done(buffer);
      }
      case FP32 -> {
        ByteBuffer buffer = allocate(tensorName, contents.getFp32ContentsCount(), 4);
        contents.getFp32ContentsList().forEach(buffer::putFloat);
        yield done(buffer);
      }
      case FP64 -> {
        ByteBuffer buffer = allocate(tensorName, contents.getFp64ContentsCount(), 8);
        contents.getFp64ContentsList().forEach(buffer::putDouble);
        yield done(buffer);
      }
      case BYTES ->
          BytesElements.encode(
              contents.getBytesContentsList().stream().map(ByteString::toByteArray).toList());
      case FP16, BF16 ->
          throw new MalformedTensorException(
              tensorName, datatype + " has no typed contents form; raw contents are required");
    };
  }

  private static ByteString narrowInts(String tensorName, List<Integer> values, int width) {
    ByteBuffer buffer = allocate(tensorName, values.size(), width);
    for (int value : values) {
      switch (width) {
        case 1 -> buffer.put((byte) value);
        case 2 -> buffer.putShort((short) value);
        default -> buffer.putInt(value);
      }
    }
    return done(buffer);
  }

  private static ByteBuffer allocate(String tensorName, int count, int width) {
    long size = (long) count * width;
    if (size > Integer.MAX_VALUE) {
      throw new MalformedTensorException(tensorName, "typed contents too large");
    }
    return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteString done(ByteBuffer buffer) {
    buffer.flip();
    return ByteString.copyFrom(buffer);
  }
}
