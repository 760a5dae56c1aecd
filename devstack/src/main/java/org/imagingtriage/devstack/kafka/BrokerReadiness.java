package org.imagingtriage.devstack.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Waits until a child broker serves clients: first until its port accepts connections (which
 * keeps the Admin client from logging a warning per failed connect), then until an Admin
 * client's describeCluster names a broker.
 */
final class BrokerReadiness {

    private static final int ATTEMPT_TIMEOUT_MS = 1_000;
    private static final long PAUSE_BETWEEN_ATTEMPTS_MS = 100;

    private BrokerReadiness() {
    }

    /** Returns normally once ready; throws {@link BrokerStartFailure} on timeout or exit. */
    static void await(Process process, String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsConnections(host, port)) {
            pauseOrFail(process, deadline, timeout, "port " + port + " never accepted connections");
        }
        try (Admin admin = Admin.create(adminConfig(host + ":" + port))) {
            while (!describesABroker(admin)) {
                pauseOrFail(process, deadline, timeout, "describeCluster never named a broker");
            }
        }
    }

    private static boolean acceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), ATTEMPT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean describesABroker(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(ATTEMPT_TIMEOUT_MS))
                    .nodes()
                    .get(2L * ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartFailure("interrupted while waiting for the broker to start", false);
        }
    }

    private static void pauseOrFail(Process process, long deadline, Duration timeout, String symptom) {
        if (!process.isAlive()) {
            throw new BrokerStartFailure("the broker process exited with code " + process.exitValue()
                    + " before it was ready", true);
        }
        if (System.nanoTime() - deadline >= 0) {
            throw new BrokerStartFailure("the broker was not ready within " + timeout + ": " + symptom, false);
        }
        try {
            Thread.sleep(PAUSE_BETWEEN_ATTEMPTS_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartFailure("interrupted while waiting for the broker to start", false);
        }
    }

    private static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ATTEMPT_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2 * ATTEMPT_TIMEOUT_MS,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    }

    /** Why a start failed; {@code processExited} tells a crash from a slow start. */
    static final class BrokerStartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean processExited;

        BrokerStartFailure(String message, boolean processExited) {
            super(message);
            this.processExited = processExited;
        }

        boolean processExited() {
            return processExited;
        }
    }
}
