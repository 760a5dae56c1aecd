package org.imagingtriage.topology.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagingtriage.topology.config.ObservabilitySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it),
 * {@code /health/live} and {@code /health/ready} on the JDK's HTTP server.
 *
 * <p>Only GET is answered (405 otherwise, 404 for any other path). Requests run on a small
 * fixed pool with a bounded queue; when both are full the dispatcher thread runs the request
 * itself, which stops it accepting new connections: back-pressure instead of unbounded growth.
 */
public final class ObservabilityServer implements AutoCloseable {

    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityServer.class);
    private static final int THREADS = 2;
    private static final int QUEUE = 32;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final PrometheusMeterRegistry registry;
    private final List<ReadinessCheck> checks;

    private ObservabilityServer(HttpServer server, ThreadPoolExecutor executor,
            PrometheusMeterRegistry registry, List<ReadinessCheck> checks) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.checks = checks;
    }

    /**
     * Binds and starts the server.
     *
     * @param checks every check {@code /health/ready} requires; none means ready while serving
     * @throws IOException if the address cannot be bound (port in use, unknown interface)
     */
    public static ObservabilityServer start(ObservabilitySettings settings, PrometheusMeterRegistry registry,
            List<? extends ReadinessCheck> checks) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        List<ReadinessCheck> checkList = List.copyOf(checks);
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 0);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), new DaemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
        ObservabilityServer observability = new ObservabilityServer(server, executor, registry, checkList);
        // One context at the root: the JDK matches contexts by prefix, so /metricsfoo would
        // otherwise reach the metrics handler; exact paths are dispatched here instead.
        server.createContext("/", observability::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("observability endpoints listening on {}:{}", settings.bindAddress(), observability.port());
        return observability;
    }

    /** The bound port; the one picked when the settings said 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/health/live") && !path.equals("/health/ready")) {
                respond(exchange, 404, JSON, "{\"error\":\"not found\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, JSON, "{\"error\":\"method not allowed\"}");
                return;
            }
            switch (path) {
                case "/metrics" -> metrics(exchange);
                case "/health/live" -> respond(exchange, 200, JSON, "{\"status\":\"UP\"}");
                default -> ready(exchange);
            }
        } finally {
            exchange.close();
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        String contentType = openMetrics ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        respond(exchange, 200, contentType, registry.scrape(contentType));
    }

    private void ready(HttpExchange exchange) throws IOException {
        boolean allReady = true;
        List<String> entries = new ArrayList<>(checks.size());
        for (ReadinessCheck check : checks) {
            ReadinessCheck.Result result = evaluate(check);
            allReady &= result.ready();
            StringBuilder entry = new StringBuilder()
                    .append("{\"name\":").append(Json.quote(check.name()))
                    .append(",\"status\":\"").append(result.ready() ? "UP" : "DOWN").append('"');
            if (!result.ready()) {
                entry.append(",\"reason\":").append(Json.quote(result.reason()));
            }
            entries.add(entry.append('}').toString());
        }
        String body = "{\"status\":\"" + (allReady ? "UP" : "DOWN") + "\",\"checks\":["
                + String.join(",", entries) + "]}";
        respond(exchange, allReady ? 200 : 503, JSON, body);
    }

    private static ReadinessCheck.Result evaluate(ReadinessCheck check) {
        try {
            ReadinessCheck.Result result = check.check();
            return result != null ? result : ReadinessCheck.Result.down("check returned no result");
        } catch (RuntimeException e) {
            LOG.warn("readiness check {} failed: {}", check.name(), e.getClass().getName());
            return ReadinessCheck.Result.down("check failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting, lets in-flight responses (all small) finish briefly, then stops the pool. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            // Daemon: an endpoint must never keep a stopping JVM alive.
            Thread thread = new Thread(task, "triage-observability-http-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Just enough JSON for fixed-shape bodies; check names and reasons are escaped anyway. */
    static final class Json {
        private Json() {
        }

        static String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
