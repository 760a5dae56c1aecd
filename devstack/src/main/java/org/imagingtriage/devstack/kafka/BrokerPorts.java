package org.imagingtriage.devstack.kafka;

import org.imagingtriage.devstack.FreePorts;

/** The two loopback ports of a one-node broker; kept across restarts so clients reconnect. */
record BrokerPorts(int client, int controller) {

    BrokerPorts {
        requirePort("client", client);
        requirePort("controller", controller);
        if (client == controller) {
            throw new IllegalArgumentException("client and controller ports must differ but both were " + client);
        }
    }

    private static void requirePort(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + " port must be between 1 and 65535 but was " + port);
        }
    }

    static BrokerPorts pickFree() {
        int client = FreePorts.loopbackPort();
        int controller = FreePorts.loopbackPort();
        while (controller == client) {
            controller = FreePorts.loopbackPort();
        }
        return new BrokerPorts(client, controller);
    }
}
