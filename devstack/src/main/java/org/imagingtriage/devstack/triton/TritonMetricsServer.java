package org.imagingtriage.devstack.triton;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a {@link TritonSimulator}'s statistics at {@code GET /metrics} in Triton's metric names
 * (see {@link TritonMetricsText}), on its own port as Triton does (8002), so Prometheus scrapes
 * the simulator like a Triton server. One thread: a scrape every few seconds is all it serves.
 */
public final class TritonMetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private TritonMetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving; {@code port} 0 picks a free one. */
    public static TritonMetricsServer start(TritonSimulator simulator, String host, int port) {
        Objects.requireNonNull(simulator, "simulator");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulator's metrics endpoint to " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(new SimulatorThreads("triton-sim-metrics"));
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> respond(exchange, simulator));
        server.start();
        return new TritonMetricsServer(server, executor);
    }

    private static void respond(HttpExchange exchange, TritonSimulator simulator) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = simulator.prometheusMetrics().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
