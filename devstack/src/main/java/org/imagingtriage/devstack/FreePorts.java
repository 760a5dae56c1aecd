package org.imagingtriage.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for the processes devstack starts. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the
     * caller binds it; callers that start servers therefore retry start-up on a bind failure.
     */
    public static int loopbackPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on the loopback interface", e);
        }
    }
}
