package org.imagingtriage.topology.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serde uses (register, get by id), on a real
 * loopback HTTP server, so topology tests run the real serde and registry client. Real-registry
 * behaviour is proven against Apicurio in the tests module.
 */
final class InMemorySchemaRegistry implements AutoCloseable {

    private static final String REGISTER = "^/subjects/[^/]+/versions$";
    private static final String BY_ID = "^/schemas/ids/[0-9]+$";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpServer server;

    InMemorySchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** While true every call is answered 503, as a registry that is restarting. */
    void unavailable(boolean value) {
        unavailable.set(value);
    }

    int register(Schema schema) {
        return idsBySchema.computeIfAbsent(schema.toString(), text -> {
            int id = nextId.getAndIncrement();
            schemasById.put(id, text);
            return id;
        });
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (unavailable.get()) {
                respond(exchange, 503, "{\"error_code\":50301,\"message\":\"restarting\"}");
            } else if (method.equals("POST") && path.matches(REGISTER)) {
                JsonNode body = json.readTree(exchange.getRequestBody());
                int id = register(new Schema.Parser().parse(body.path("schema").asText()));
                respond(exchange, 200, "{\"id\":" + id + "}");
            } else if (method.equals("GET") && path.matches(BY_ID)) {
                String schema = schemasById.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
                if (schema == null) {
                    respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                } else {
                    respond(exchange, 200, json.createObjectNode().put("schema", schema).toString());
                }
            } else {
                respond(exchange, 404, "{\"error_code\":404,\"message\":\"not supported here\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
