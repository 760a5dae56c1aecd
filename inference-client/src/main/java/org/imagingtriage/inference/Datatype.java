package org.imagingtriage.inference;

import java.util.Locale;
import org.imagingtriage.inference.proto.DataType;

/**
 * A tensor element type as KServe v2 names it on the wire ("UINT8", "BYTES", ...), with its
 * fixed element size and its name in Triton's model configuration.
 */
public enum Datatype {
  BOOL(1, DataType.TYPE_BOOL),
  UINT8(1, DataType.TYPE_UINT8),
  UINT16(2, DataType.TYPE_UINT16),
  UINT32(4, DataType.TYPE_UINT32),
  UINT64(8, DataType.TYPE_UINT64),
  INT8(1, DataType.TYPE_INT8),
  INT16(2, DataType.TYPE_INT16),
  INT32(4, DataType.TYPE_INT32),
  INT64(8, DataType.TYPE_INT64),
  FP16(2, DataType.TYPE_FP16),
  FP32(4, DataType.TYPE_FP32),
  FP64(8, DataType.TYPE_FP64),
  BF16(2, DataType.TYPE_BF16),
  /** Variable-length elements; TYPE_STRING in config.pbtxt. */
  BYTES(-1, DataType.TYPE_STRING);

  private final int elementSize;
  private final DataType configType;

  Datatype(int elementSize, DataType configType) {
    this.elementSize = elementSize;
    this.configType = configType;
  }

  /** The string KServe v2 puts in {@code datatype} fields. */
  public String wireName() {
    return name();
  }

  public boolean isFixedSize() {
    return elementSize > 0;
  }

  /**
   * Bytes per element in raw contents.
   *
   * @throws IllegalStateException for BYTES, whose elements carry their own length
   */
  public int elementSize() {
    if (!isFixedSize()) {
      throw new IllegalStateException("BYTES elements have no fixed size");
    }
    return elementSize;
  }

  public DataType configType() {
    return configType;
  }

  /** Parses a wire datatype string, case-insensitively because some servers lower-case it. */
  public static Datatype fromWire(String wireName) {
    if (wireName == null || wireName.isBlank()) {
      throw new IllegalArgumentException("datatype is empty");
    }
    try {
      return valueOf(wireName.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown KServe v2 datatype: " + wireName, e);
    }
  }

  /** Maps a config.pbtxt type (TYPE_STRING is BYTES on the wire). */
  public static Datatype fromConfig(DataType configType) {
    for (Datatype datatype : values()) {
      if (datatype.configType == configType) {
        return datatype;
      }
    }
    throw new IllegalArgumentException("model config type has no wire datatype: " + configType);
  }
}
