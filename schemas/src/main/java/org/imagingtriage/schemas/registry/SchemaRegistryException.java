package org.imagingtriage.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry call failed. Extends Kafka's {@link SerializationException} because the
 * serializers surface it, and Kafka clients and Streams handle that type. Messages name the
 * registry URL without credentials and quote the registry's own message.
 */
public class SchemaRegistryException extends SerializationException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** HTTP status of the failed call, or -1 when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (for example 40403), or -1 when it gave none. */
    public int errorCode() {
        return errorCode;
    }
}
