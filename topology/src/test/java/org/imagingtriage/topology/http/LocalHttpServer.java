package org.imagingtriage.topology.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP or HTTPS server on 127.0.0.1 and an ephemeral port (the JDK's own), for tests of
 * clients: it counts requests per path, keeps the request headers, and lets a handler stall until
 * the test ends ({@link #awaitRelease()}), so a stalled server never outlives its test.
 */
public final class LocalHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private LocalHttpServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.start();
    }

    public static LocalHttpServer http() {
        try {
            return new LocalHttpServer(HttpServer.create(loopback(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalHttpServer https(SSLContext context) {
        try {
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            return new LocalHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code path} (and below) with {@code handler}, counting every request. */
    public LocalHttpServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    /** {@code scheme://127.0.0.1:port} followed by {@code path}. */
    public URI uri(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests received on the context registered for {@code path}. */
    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** Every request received, on any path. */
    public int requests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The headers of every request so far, names as the server normalises them ("Authorization"). */
    public List<Map<String, List<String>>> requestHeaders() {
        return List.copyOf(headers);
    }

    /** For a handler that stalls: blocks until the test closes the server. */
    public void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code body} with its Content-Length. */
    public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
