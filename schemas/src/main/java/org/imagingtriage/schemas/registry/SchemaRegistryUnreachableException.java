package org.imagingtriage.schemas.registry;

/** No registry URL answered within the configured timeouts and retries. */
public final class SchemaRegistryUnreachableException extends SchemaRegistryException {

    public SchemaRegistryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
