package org.imagingtriage.devstack.registry;

/** Apicurio Registry did not start: the message says why and ends with the tail of its log. */
public final class RegistryStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean portInUse;

    RegistryStartException(String message, boolean portInUse) {
        super(message);
        this.portInUse = portInUse;
    }

    /** Whether the registry's log says one of its ports was taken, so another port may succeed. */
    public boolean portInUse() {
        return portInUse;
    }
}
