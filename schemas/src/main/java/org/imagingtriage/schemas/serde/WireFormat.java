package org.imagingtriage.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the datum.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** The header for a datum written with schema {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** The schema id in {@code bytes}' header, after checking the magic byte and length. */
    public static int schemaId(String topic, byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("empty record value from topic " + topic
                    + ": not Confluent wire format");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(topic, bytes[0] & 0xff);
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new SerializationException("record from topic " + topic + " has " + bytes.length
                    + " bytes, fewer than the 5-byte Confluent wire format header");
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }
}
