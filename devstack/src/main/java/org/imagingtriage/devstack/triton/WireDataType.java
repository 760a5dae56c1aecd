package org.imagingtriage.devstack.triton;

import java.util.Optional;

import org.imagingtriage.inference.proto.DataType;

/**
 * A tensor element type as KServe v2 names it on the wire ("UINT8", "BYTES") next to the
 * config.pbtxt name ({@code TYPE_UINT8}, {@code TYPE_STRING}). Triton matches wire names
 * exactly and case-sensitively; anything else is its {@code TYPE_INVALID}, printed as
 * {@code <invalid>} in error messages.
 *
 * <p>Kept apart from inference-client's {@code Datatype} on purpose, like {@link BytesElements}:
 * the simulator checks the client's wire encoding independently.
 */
enum WireDataType {
    BOOL(DataType.TYPE_BOOL, 1),
    UINT8(DataType.TYPE_UINT8, 1),
    UINT16(DataType.TYPE_UINT16, 2),
    UINT32(DataType.TYPE_UINT32, 4),
    UINT64(DataType.TYPE_UINT64, 8),
    INT8(DataType.TYPE_INT8, 1),
    INT16(DataType.TYPE_INT16, 2),
    INT32(DataType.TYPE_INT32, 4),
    INT64(DataType.TYPE_INT64, 8),
    FP16(DataType.TYPE_FP16, 2),
    FP32(DataType.TYPE_FP32, 4),
    FP64(DataType.TYPE_FP64, 8),
    /** Variable-size elements, each a 4-byte little-endian length and then that many bytes. */
    BYTES(DataType.TYPE_STRING, 0),
    BF16(DataType.TYPE_BF16, 2);

    /** What Triton prints for a type it does not know. */
    static final String INVALID_NAME = "<invalid>";

    private final DataType configType;
    private final int elementBytes;

    WireDataType(DataType configType, int elementBytes) {
        this.configType = configType;
        this.elementBytes = elementBytes;
    }

    static Optional<WireDataType> fromWire(String name) {
        for (WireDataType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static Optional<WireDataType> fromConfig(DataType configType) {
        for (WireDataType type : values()) {
            if (type.configType == configType) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The wire name of a config type, or {@code <invalid>}, as Triton's messages print it. */
    static String protocolName(DataType configType) {
        return fromConfig(configType).map(Enum::name).orElse(INVALID_NAME);
    }

    DataType configType() {
        return configType;
    }

    boolean isVariableSize() {
        return this == BYTES;
    }

    /** Bytes per element; 0 for BYTES, whose elements carry their own length. */
    int elementBytes() {
        return elementBytes;
    }
}
