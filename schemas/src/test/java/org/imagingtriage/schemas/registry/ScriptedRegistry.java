package org.imagingtriage.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers registry paths with scripted responses, for the
 * client behaviour a real registry cannot be made to show on demand (5xx, slowness, call counts).
 * Behaviour against a real registry is tested with Apicurio in the tests module.
 */
public final class ScriptedRegistry implements AutoCloseable {

    public record Answer(int status, String body, long delayMillis) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, 0);
        }
    }

    public record Call(String method, String path, String body, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> defaults = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public ScriptedRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} with {@code answers} in turn, then with the last one forever. */
    public ScriptedRegistry on(String method, String path, Answer... answers) {
        Queue<Answer> queue = new ConcurrentLinkedQueue<>(List.of(answers));
        scripts.put(method + " " + path, queue);
        defaults.put(method + " " + path, answers[answers.length - 1]);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long callsTo(String method, String path) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body,
                exchange.getRequestHeaders().getFirst("Authorization")));
        Queue<Answer> queue = scripts.get(key);
        Answer answer = queue == null ? Answer.json(404, "{\"error_code\":404,\"message\":\"not scripted\"}")
                : queue.isEmpty() ? defaults.get(key) : queue.poll();
        try {
            Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
