package org.imagingtriage.topology.review.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.topology.review.DraftPrinter;
import org.imagingtriage.topology.review.decision.DecisionDesk;
import org.imagingtriage.topology.review.decision.DecisionNotWrittenException;
import org.imagingtriage.topology.review.decision.DecisionRequest;
import org.imagingtriage.topology.review.decision.DecisionResult;
import org.imagingtriage.topology.review.web.ConsolePaths.ImageRequest;
import org.imagingtriage.topology.review.web.DraftImageSource.ImageAnswer;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.imagingtriage.topology.review.worklist.WorklistItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web review console on the JDK's HTTP server: the page, the live worklist stream, the images
 * and the decisions API (see the module README for the contract).
 *
 * <p>Every request but the page's own files and the sign-in form needs a reviewer: a session
 * cookie from signing in, or the identity header a proxy sets. Every POST must carry
 * {@code X-Triage-Request: 1}, which a cross-site form cannot send, and the session cookie is
 * SameSite=Strict: both stop another site from deciding in a reviewer's name.
 */
public final class ReviewConsoleServer implements AutoCloseable {

    static final String SESSION_COOKIE = "triage_session";
    static final String REQUEST_HEADER = "X-Triage-Request";
    private static final Logger LOG = LoggerFactory.getLogger(ReviewConsoleServer.class);
    private static final int WORKERS = 8;
    private static final int QUEUE = 64;
    private static final int MAX_DECISION_BYTES = 4 * DecisionRequest.MAX_EDITED_TEXT_CHARS + 1024;
    private static final int MAX_LOGIN_BYTES = 4 * 1024;
    /** Password hashing is deliberately slow; this many at once keep two cores serving the rest. */
    private static final int CONCURRENT_LOGINS = 2;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ReviewConsoleSettings settings;
    private final Worklist worklist;
    private final DecisionDesk desk;
    private final DraftImageSource images;
    private final WorklistStreams streams;
    private final ItemJson json;
    private final ObjectMapper mapper;
    private final StaticAssets assets;
    private final Sessions sessions;
    private final Semaphore logins = new Semaphore(CONCURRENT_LOGINS);

    private ReviewConsoleServer(HttpServer server, ThreadPoolExecutor executor, ReviewConsoleSettings settings,
                                Worklist worklist, DecisionDesk desk, DraftImageSource images, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.settings = settings;
        this.worklist = worklist;
        this.desk = desk;
        this.images = images;
        this.mapper = new ObjectMapper();
        this.json = new ItemJson(mapper);
        this.streams = new WorklistStreams(worklist, json, settings.maxStreams());
        this.assets = StaticAssets.load();
        this.sessions = new Sessions(new SecureRandom(), clock, settings.sessionIdle(), 10_000);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound
     */
    public static ReviewConsoleServer start(ReviewConsoleSettings settings, Worklist worklist, DecisionDesk desk,
                                            DraftImageSource images, Clock clock) throws IOException {
        Objects.requireNonNull(settings, "settings");
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 0);
        int threads = settings.maxStreams() + WORKERS;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), new DaemonThreads());
        executor.allowCoreThreadTimeOut(true);
        ReviewConsoleServer console = new ReviewConsoleServer(server, executor, settings,
                Objects.requireNonNull(worklist, "worklist"), Objects.requireNonNull(desk, "desk"),
                Objects.requireNonNull(images, "images"), Objects.requireNonNull(clock, "clock"));
        // One context at the root, exact paths dispatched here: the JDK matches contexts by prefix.
        server.createContext("/", console::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("review console listening on {}:{}", settings.bindAddress(), console.port());
        return console;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Live worklist connections open now. */
    public int openStreams() {
        return streams.open();
    }

    @Override
    public void close() {
        streams.close();
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Exchanges.secureHeaders(exchange);
            route(exchange);
        } catch (IOException e) {
            // The page went away mid-response: nothing to answer.
            LOG.debug("review console: connection ended early: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.atError().setMessage("review console request failed")
                    .addKeyValue("stage", "review-console")
                    .addKeyValue("path", loggablePath(exchange.getRequestURI().getPath()))
                    .addKeyValue("reason", e.getClass().getSimpleName())
                    .setCause(e)
                    .log();
            try {
                error(exchange, 500, "internal error; see the console's log");
            } catch (IOException | RuntimeException ignored) {
                // Headers may already be out; the connection closes anyway.
            }
        }
    }

    /** Image paths hold a UID: logs get the route only. */
    private static String loggablePath(String path) {
        return path.startsWith(ConsolePaths.IMAGES_PREFIX) ? ConsolePaths.IMAGES_PREFIX + "..." : path;
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        if (path.startsWith(ConsolePaths.STATIC_PREFIX) && get) {
            asset(exchange, path.substring(ConsolePaths.STATIC_PREFIX.length()));
        } else if (path.equals(ConsolePaths.LOGIN) && login().isPresent()) {
            if (get) {
                asset(exchange, "login.html");
            } else if (post) {
                signIn(exchange, login().get());
            } else {
                methodNotAllowed(exchange);
            }
        } else if (path.equals(ConsolePaths.LOGIN) && settings.identity() instanceof ReviewerIdentity.Header header) {
            // The page sends a reviewer here when the API says 401; behind a proxy that means the
            // proxy did not name them, and there is no form to fill in.
            error(exchange, 401, "no reviewer identity: the " + header.name() + " header is missing; sign in "
                    + "through the proxy in front of this console");
        } else if (path.equals(ConsolePaths.ROOT) && get) {
            if (reviewer(exchange).isEmpty() && login().isPresent()) {
                Exchanges.redirect(exchange, ConsolePaths.LOGIN);
            } else {
                asset(exchange, "index.html");
            }
        } else if (path.startsWith("/api/") || path.equals(ConsolePaths.LOGOUT)) {
            api(exchange, path, get, post);
        } else {
            error(exchange, 404, "no such page");
        }
    }

    private void api(HttpExchange exchange, String path, boolean get, boolean post) throws IOException {
        Optional<String> reviewer = reviewer(exchange);
        if (reviewer.isEmpty()) {
            error(exchange, 401, settings.identity() instanceof ReviewerIdentity.Header header
                    ? "no reviewer identity: the " + header.name() + " header is missing or not a login id"
                    : "not signed in");
            return;
        }
        if (post && !"1".equals(exchange.getRequestHeaders().getFirst(REQUEST_HEADER))) {
            error(exchange, 403, "a POST must carry the header " + REQUEST_HEADER + ": 1");
            return;
        }
        if (path.equals(ConsolePaths.SESSION) && get) {
            session(exchange, reviewer.get());
        } else if (path.equals(ConsolePaths.STREAM) && get) {
            stream(exchange);
        } else if (path.equals(ConsolePaths.DECISIONS) && post) {
            decide(exchange, reviewer.get());
        } else if (path.equals(ConsolePaths.LOGOUT) && post) {
            Exchanges.cookie(exchange, SESSION_COOKIE).ifPresent(sessions::close);
            exchange.getResponseHeaders().set("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; "
                    + "SameSite=Strict");
            Exchanges.noContent(exchange);
        } else if (path.startsWith(ConsolePaths.IMAGES_PREFIX) && get) {
            image(exchange, path);
        } else if (path.equals(ConsolePaths.SESSION) || path.equals(ConsolePaths.STREAM)
                || path.equals(ConsolePaths.DECISIONS) || path.equals(ConsolePaths.LOGOUT)) {
            methodNotAllowed(exchange);
        } else {
            error(exchange, 404, "no such resource");
        }
    }

    private Optional<ReviewerIdentity.Login> login() {
        return settings.identity() instanceof ReviewerIdentity.Login login ? Optional.of(login) : Optional.empty();
    }

    private Optional<String> reviewer(HttpExchange exchange) {
        if (settings.identity() instanceof ReviewerIdentity.Header header) {
            List<String> values = exchange.getRequestHeaders().getOrDefault(header.name(), List.of());
            // More than one: a proxy that appends instead of replacing would let the client's win.
            return values.size() != 1 ? Optional.empty() : Optional.of(values.get(0).strip())
                    .filter(name -> ReviewerAccounts.NAME.matcher(name).matches());
        }
        return Exchanges.cookie(exchange, SESSION_COOKIE).flatMap(sessions::reviewer);
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        Optional<StaticAssets.Asset> asset = assets.get(name);
        if (asset.isEmpty()) {
            error(exchange, 404, "no such file");
            return;
        }
        Exchanges.send(exchange, 200, asset.get().contentType(), asset.get().bytes());
    }

    private void signIn(HttpExchange exchange, ReviewerIdentity.Login login) throws IOException {
        if (!Exchanges.sameOrigin(exchange)) {
            // Another site's form signing the reviewer in as someone else.
            error(exchange, 403, "sign-in from another site");
            return;
        }
        Optional<byte[]> body = Exchanges.body(exchange, MAX_LOGIN_BYTES);
        if (body.isEmpty()) {
            error(exchange, 413, "the sign-in form is too large");
            return;
        }
        FormBody form;
        try {
            form = FormBody.parse(body.get());
        } catch (IllegalArgumentException e) {
            Exchanges.redirect(exchange, ConsolePaths.LOGIN + "?failed=1");
            return;
        }
        char[] password = form.field("password").orElse("").toCharArray();
        Optional<String> reviewer;
        if (!logins.tryAcquire()) {
            // Hashing is deliberately slow: a flood of sign-ins must not hold the workers that
            // serve decisions and streams.
            Arrays.fill(password, '\0');
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 503, "too many sign-ins at once; try again");
            return;
        }
        try {
            reviewer = login.accounts().authenticate(form.field("username").orElse("").strip(), password);
        } finally {
            logins.release();
            Arrays.fill(password, '\0');
        }
        if (reviewer.isEmpty()) {
            LOG.atInfo().setMessage("sign-in refused").addKeyValue("stage", "review-console").log();
            Exchanges.redirect(exchange, ConsolePaths.LOGIN + "?failed=1");
            return;
        }
        String token = sessions.open(reviewer.get());
        exchange.getResponseHeaders().set("Set-Cookie", SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; "
                + "SameSite=Strict" + (Exchanges.viaHttps(exchange) ? "; Secure" : ""));
        LOG.atInfo().setMessage("reviewer signed in").addKeyValue("stage", "review-console").log();
        Exchanges.redirect(exchange, ConsolePaths.ROOT);
    }

    private void session(HttpExchange exchange, String reviewer) throws IOException {
        ObjectNode node = mapper.createObjectNode();
        node.put("reviewer", reviewer);
        node.put("identity", login().isPresent() ? "login" : "header");
        node.put("disclaimer", DraftPrinter.FALLBACK_DISCLAIMER);
        Exchanges.json(exchange, 200, json.text(node));
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (!streams.tryOpen()) {
            error(exchange, 503, "too many open worklists on this console; retrying");
            return;
        }
        boolean streaming = false;
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            // Proxies such as nginx would otherwise buffer the stream and the worklist would not be live.
            exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                streaming = true;
                streams.stream(out);
            }
        } finally {
            if (!streaming) {
                // The page went away before the stream began: its slot must not be lost.
                streams.release();
            }
        }
    }

    private void image(HttpExchange exchange, String path) throws IOException {
        Optional<ImageRequest> request = ConsolePaths.parseImage(path);
        if (request.isEmpty()) {
            error(exchange, 404, "no such image");
            return;
        }
        String sop = request.get().sopInstanceUid();
        UUID eventId = request.get().eventId();
        // Only images of drafts on the worklist: the console is no window onto every event.
        Optional<WorklistItem> item = worklist.item(sop).filter(found -> found.eventId().equals(eventId));
        if (item.isEmpty()) {
            error(exchange, 404, "no draft on the worklist has this image");
            return;
        }
        ImageAnswer answer = images.image(sop, eventId, item.get().draft().getProvenance().getInputSha256());
        if (answer.png().isPresent()) {
            Exchanges.send(exchange, 200, "image/png", answer.png().get());
        } else if (answer.busy()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 503, answer.reason());
        } else {
            error(exchange, 422, answer.reason());
        }
    }

    private void decide(HttpExchange exchange, String reviewer) throws IOException {
        Optional<byte[]> body = Exchanges.body(exchange, MAX_DECISION_BYTES);
        if (body.isEmpty()) {
            error(exchange, 413, "the decision is too large");
            return;
        }
        DecisionRequest request;
        try {
            request = decisionRequest(mapper.readTree(body.get()), reviewer);
        } catch (IOException | IllegalArgumentException e) {
            error(exchange, 400, "not a decision: " + (e instanceof IllegalArgumentException ? e.getMessage()
                    : "the body is not JSON"));
            return;
        }
        DecisionResult result;
        try {
            result = desk.decide(request);
        } catch (DecisionNotWrittenException e) {
            error(exchange, 503, "the decision could not be confirmed written: " + e.getMessage()
                    + "; retry the same action");
            return;
        }
        ObjectNode answer = mapper.createObjectNode();
        answer.put("outcome", result.outcome().name());
        result.item().ifPresent(item -> answer.set("item", json.item(item)));
        int status = switch (result.outcome()) {
            case RECORDED, ALREADY_RECORDED -> 200;
            case ALREADY_DECIDED, SUPERSEDED -> 409;
            case UNKNOWN_DRAFT -> 404;
        };
        if (status != 200) {
            answer.put("error", switch (result.outcome()) {
                case ALREADY_DECIDED -> "this draft already has a decision";
                case SUPERSEDED -> "a newer draft of this image has arrived: review that one";
                default -> "no draft of this image on the worklist";
            });
        }
        Exchanges.json(exchange, status, json.text(answer));
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    private static DecisionRequest decisionRequest(JsonNode body, String reviewer) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        UUID decisionId = uuid(body, "decisionId");
        String sop = text(body, "sopInstanceUid");
        UUID eventId = uuid(body, "eventId");
        Decision decision;
        try {
            decision = Decision.valueOf(text(body, "decision"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("decision must be ACCEPT, EDIT or REJECT");
        }
        JsonNode edited = body.get("editedText");
        Optional<String> editedText = edited == null || edited.isNull() ? Optional.empty()
                : Optional.of(edited.isTextual() ? edited.asText() : fail("editedText must be text"));
        return new DecisionRequest(decisionId, sop, eventId, decision, editedText, reviewer);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not text");
        }
        return value.asText();
    }

    private static UUID uuid(JsonNode body, String field) {
        try {
            return UUID.fromString(text(body, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be a UUID");
        }
    }

    private static String fail(String message) {
        throw new IllegalArgumentException(message);
    }

    private void methodNotAllowed(HttpExchange exchange) throws IOException {
        error(exchange, 405, "method not allowed");
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message);
        Exchanges.json(exchange, status, json.text(node));
    }

    /** Daemon threads named for the console, so a thread dump says whose they are. */
    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "triage-review-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
