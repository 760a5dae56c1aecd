package org.imagingtriage.tests.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * TEST-ONLY stand-in for the review console's server, so the front end can be checked in a real
 * browser without Kafka: the real static files from the topology jar's classpath, with the
 * server's security headers, and the review API kept in memory. It is not the production server
 * and checks nothing the production server must (sessions, Kafka writes).
 *
 * <p>The reviewer is alice, in "header" identity mode unless {@link #useLoginIdentity} (then POST
 * /logout answers 204; no session is checked). POST /api/decisions and /logout are recorded as
 * received; {@link #answerNextDecisions} scripts error replies (e.g. 503) before the normal handling.
 */
final class ReviewApiFixture implements AutoCloseable {

    static final String REVIEWER = "alice";
    private static final String STATIC = "/org/imagingtriage/topology/review/web/static/";
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final String END_OF_STREAM = "";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request to POST /api/decisions as the browser sent it. */
    record DecisionPost(String triageRequestHeader, JsonNode body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, ObjectNode> items = new LinkedHashMap<>();
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final List<DecisionPost> decisionPosts = new CopyOnWriteArrayList<>();
    private final List<String> logoutHeaders = new CopyOnWriteArrayList<>();
    private volatile String identity = "header";
    private final Queue<Integer> scriptedStatuses = new ArrayDeque<>();
    private final byte[] png = smallPng();

    private ReviewApiFixture(List<ObjectNode> snapshot) throws IOException {
        snapshot.forEach(item -> items.put(item.get("sopInstanceUid").asText(), item));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::page);
        server.createContext("/static/", this::page);
        server.createContext("/api/session", this::session);
        server.createContext("/api/stream", this::stream);
        server.createContext("/api/images/", this::image);
        server.createContext("/api/decisions", this::decision);
        server.createContext("/logout", this::logout);
        server.start();
    }

    static ReviewApiFixture start(ObjectNode... snapshot) throws IOException {
        return new ReviewApiFixture(List.of(snapshot));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A new draft, a newer one for the same instance, or a decided one: stored and sent to every stream. */
    synchronized void push(ObjectNode item) {
        items.put(item.get("sopInstanceUid").asText(), item);
        String event = event("item", item);
        streams.forEach(stream -> stream.add(event));
    }

    /** Stores the item without telling the streams (another reviewer's decision the page has not seen). */
    synchronized void replaceQuietly(ObjectNode item) {
        items.put(item.get("sopInstanceUid").asText(), item);
    }

    /** Removes the draft without telling the streams (the next snapshot no longer has it). */
    synchronized void removeQuietly(String sopInstanceUid) {
        items.remove(sopInstanceUid);
    }

    /** Ends every open stream, as a server restart would; EventSource connects again by itself. */
    void endStreams() {
        streams.forEach(stream -> stream.add(END_OF_STREAM));
    }

    /** The next decision requests get these statuses with {"error": ...}, recorded but not applied. */
    synchronized void answerNextDecisions(int... statuses) {
        for (int status : statuses) {
            scriptedStatuses.add(status);
        }
    }

    List<DecisionPost> decisionPosts() {
        return List.copyOf(decisionPosts);
    }

    void useLoginIdentity() {
        identity = "login";
    }

    /** The X-Triage-Request header of each POST /logout (null where missing). */
    List<String> logoutHeaders() {
        return List.copyOf(logoutHeaders);
    }

    // ------------------------------------------------------------------ handlers

    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String file = switch (path) {
            case "/" -> "index.html";
            case "/login" -> "login.html";
            case "/static/console.js" -> "console.js";
            case "/static/console.css" -> "console.css";
            default -> null;
        };
        if (file == null) {
            sendJson(exchange, 404, JSON.createObjectNode().put("error", "not found"));
            return;
        }
        byte[] body;
        try (InputStream in = ReviewApiFixture.class.getResourceAsStream(STATIC + file)) {
            if (in == null) {
                throw new IllegalStateException(STATIC + file + " is not on the classpath (the topology jar)");
            }
            body = in.readAllBytes();
        }
        String type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : "text/css";
        send(exchange, 200, type + "; charset=utf-8", body);
    }

    private void session(HttpExchange exchange) throws IOException {
        sendJson(exchange, 200, JSON.createObjectNode().put("reviewer", REVIEWER).put("identity", identity)
                .put("disclaimer", ReviewItems.DISCLAIMER));
    }

    /** Server-sent events: the snapshot, then every pushed item, until the browser or the fixture closes. */
    private void stream(HttpExchange exchange) throws IOException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        synchronized (this) {
            ObjectNode snapshot = JSON.createObjectNode();
            snapshot.putArray("items").addAll(new ArrayList<>(items.values()));
            events.add(event("snapshot", snapshot));
            streams.add(events);
        }
        securityHeaders(exchange);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event = events.take(); !event.equals(END_OF_STREAM); event = events.take()) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException closedByTheBrowser) {
            // The page went away; nothing to clean up beyond the subscription.
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(events);
        }
    }

    private void logout(HttpExchange exchange) throws IOException {
        logoutHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Triage-Request")));
        securityHeaders(exchange);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private void image(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/api/images/".length());
        boolean known;
        synchronized (this) {
            known = items.values().stream().anyMatch(item -> name.equals(item.get("eventId").asText() + ".png"));
        }
        if (known) {
            send(exchange, 200, "image/png", png);
        } else {
            sendJson(exchange, 404, JSON.createObjectNode().put("error", "no image for this draft"));
        }
    }

    private void decision(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            sendJson(exchange, 405, JSON.createObjectNode().put("error", "POST only"));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        decisionPosts.add(new DecisionPost(exchange.getRequestHeaders().getFirst("X-Triage-Request"), body));
        Integer scripted;
        synchronized (this) {
            scripted = scriptedStatuses.poll();
        }
        if (scripted != null) {
            sendJson(exchange, scripted, JSON.createObjectNode().put("error", "Kafka is not reachable now"));
            return;
        }
        ObjectNode reply = JSON.createObjectNode();
        int status = applyDecision(body, reply);
        sendJson(exchange, status, reply);
    }

    /** The API's rules for a decision, in memory; fills the reply and gives its status. */
    private synchronized int applyDecision(JsonNode body, ObjectNode reply) {
        ObjectNode item = items.get(body.path("sopInstanceUid").asText());
        if (item == null) {
            reply.put("error", "no such draft");
            return 404;
        }
        JsonNode recorded = item.path("decision");
        String decisionId = body.path("decisionId").asText();
        if (recorded.isObject() && recorded.path("decisionId").asText().equals(decisionId)) {
            reply.put("outcome", "ALREADY_RECORDED").set("item", item);
            return 200;
        }
        if (recorded.isObject() || !item.path("eventId").asText().equals(body.path("eventId").asText())) {
            reply.put("error", "this draft was already decided or replaced").set("item", item);
            return 409;
        }
        JsonNode editedText = body.path("editedText");
        ObjectNode decided = ReviewItems.decided(item, decisionId, body.path("decision").asText(), REVIEWER,
                editedText.isTextual() ? editedText.asText() : null);
        push(decided);
        reply.put("outcome", "RECORDED").set("item", decided);
        return 200;
    }

    // ------------------------------------------------------------------ responses

    private static String event(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        securityHeaders(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The headers the review API document prescribes for every response. */
    private static void securityHeaders(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "same-origin");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
    }

    private static byte[] smallPng() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.getRaster().setSample(x, y, 0, (x * 8) & 0xff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        endStreams();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
