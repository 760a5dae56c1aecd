package org.imagingtriage.devstack.registry;

import org.imagingtriage.devstack.FreePorts;

/** The two loopback ports one registry launch listens on. */
record RegistryPorts(int http, int management) {

    private static final int FREE_PORT_ATTEMPTS = 10;

    RegistryPorts {
        if (http <= 0 || management <= 0 || http == management) {
            throw new IllegalArgumentException("need two distinct ports, got http " + http
                    + " and management " + management);
        }
    }

    /** The configured ports, with a free loopback port for each one configured as 0. */
    static RegistryPorts choose(ApicurioRegistryConfig config) {
        int http = config.httpPort() != 0 ? config.httpPort() : freePortOtherThan(config.managementPort());
        int management = config.managementPort() != 0 ? config.managementPort() : freePortOtherThan(http);
        return new RegistryPorts(http, management);
    }

    private static int freePortOtherThan(int taken) {
        // Two quick asks for a free port may return the same one.
        for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
            int port = FreePorts.loopbackPort();
            if (port != taken) {
                return port;
            }
        }
        throw new IllegalStateException("the loopback interface kept offering port " + taken
                + ", which is already given to the registry's other listener");
    }
}
