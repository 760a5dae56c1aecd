package org.imagingtriage.schemas.registry;

/** The registry refused a schema because it breaks the subject's compatibility rule. */
public final class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
