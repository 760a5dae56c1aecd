package org.imagingtriage.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The bytes do not start with the Confluent wire format's magic byte 0. */
public final class UnknownMagicByteException extends SerializationException {

    private final int magicByte;

    public UnknownMagicByteException(String topic, int magicByte) {
        super("unknown magic byte " + magicByte + " in a record from topic " + topic
                + ": not Confluent wire format (expected magic byte 0)");
        this.magicByte = magicByte;
    }

    public int magicByte() {
        return magicByte;
    }
}
