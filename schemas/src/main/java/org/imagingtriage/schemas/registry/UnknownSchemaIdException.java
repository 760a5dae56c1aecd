package org.imagingtriage.schemas.registry;

/** The registry has no schema with the id a record carries. */
public final class UnknownSchemaIdException extends SchemaRegistryException {

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, String registryUrl, String registryMessage) {
        super("unknown schema id " + schemaId + " at " + registryUrl + ": " + registryMessage, 404, 40403);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
