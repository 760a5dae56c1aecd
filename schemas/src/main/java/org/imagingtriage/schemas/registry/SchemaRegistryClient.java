package org.imagingtriage.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for the Confluent Schema Registry REST API (v1 media type), which Confluent Schema
 * Registry, Apicurio ({@code /apis/ccompat/v7}), Karapace and Redpanda all serve.
 *
 * <p>Ids and schemas are immutable once registered, so both directions are cached for the life
 * of the client; a subject's latest version is cached for {@link RegistryClientConfig#latestCacheTtl()}.
 * Unreachable registries and 5xx/429 answers are retried with bounded, doubling backoff, trying the
 * configured URLs in turn; 4xx answers are final and mapped to precise exceptions.
 */
public final class SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SCHEMA_NOT_FOUND = 40403;

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Optional<String> authorization;

    private final Map<String, Integer> idBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<String, CachedLatest> latestBySubject = new ConcurrentHashMap<>();

    private record CachedLatest(SubjectSchema value, long fetchedAtNanos) {
    }

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.authorization = config.userInfo().map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its id. */
    public int register(String subject, Schema schema) {
        String cacheKey = cacheKey(subject, schema);
        Integer cached = idBySubjectSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        Response response = call("POST", "/subjects/" + encode(subject) + "/versions", body);
        if (response.status() == 409) {
            throw new IncompatibleSchemaException("schema " + schema.getFullName() + " is incompatible with subject "
                    + subject + " at " + response.url() + ": " + response.message(), 409, response.errorCode());
        }
        response.requireSuccess("register schema " + schema.getFullName() + " under subject " + subject);
        int id = response.body().path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("registry at " + response.url()
                    + " answered a registration without an id", response.status(), -1);
        }
        idBySubjectSchema.put(cacheKey, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    /** The registered version of exactly {@code schema} under {@code subject}, if there is one. */
    public Optional<SubjectSchema> lookup(String subject, Schema schema) {
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        Response response = call("POST", "/subjects/" + encode(subject), body);
        if (response.status() == 404
                && (response.errorCode() == SUBJECT_NOT_FOUND || response.errorCode() == SCHEMA_NOT_FOUND
                || response.errorCode() < 0)) {
            return Optional.empty();
        }
        response.requireSuccess("look up schema " + schema.getFullName() + " under subject " + subject);
        SubjectSchema found = new SubjectSchema(subject, response.body().path("id").asInt(),
                response.body().path("version").asInt(), schema);
        idBySubjectSchema.put(cacheKey(subject, schema), found.id());
        schemaById.putIfAbsent(found.id(), schema);
        return Optional.of(found);
    }

    /** The schema registered with {@code id}. */
    public Schema schemaById(int id) {
        Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        Response response = call("GET", "/schemas/ids/" + id, null);
        if (response.status() == 404) {
            throw new UnknownSchemaIdException(id, response.url(), response.message());
        }
        response.requireSuccess("get schema id " + id);
        Schema schema = parse(response.body().path("schema").asText(), "schema id " + id, response.url());
        Schema raced = schemaById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    /** The latest version registered under {@code subject}. */
    public SubjectSchema latest(String subject) {
        CachedLatest cached = latestBySubject.get(subject);
        Duration ttl = config.latestCacheTtl();
        if (cached != null && (ttl == null || System.nanoTime() - cached.fetchedAtNanos() < ttl.toNanos())) {
            return cached.value();
        }
        Response response = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        if (response.status() == 404) {
            throw new SchemaRegistryException("subject " + subject + " has no registered version at "
                    + response.url() + ": " + response.message(), 404, response.errorCode());
        }
        response.requireSuccess("get the latest version of subject " + subject);
        JsonNode body = response.body();
        int id = body.path("id").asInt();
        Schema schema = schemaById.computeIfAbsent(id,
                ignored -> parse(body.path("schema").asText(), "subject " + subject, response.url()));
        SubjectSchema latest = new SubjectSchema(subject, id, body.path("version").asInt(), schema);
        latestBySubject.put(subject, new CachedLatest(latest, System.nanoTime()));
        return latest;
    }

    /** Sets the compatibility rule the registry enforces for {@code subject}. */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = json.createObjectNode().put("compatibility", level.name());
        call("PUT", "/config/" + encode(subject), body)
                .requireSuccess("set compatibility " + level + " on subject " + subject);
    }

    /** The first configured URL, without credentials: for messages and logs. */
    public String displayUrl() {
        return RegistryClientConfig.withoutUserInfo(config.urls().get(0));
    }

    private Response call(String method, String path, JsonNode body) {
        int attempts = config.maxRetries() + 1;
        Duration backoff = config.retryWait();
        Exception lastFailure = null;
        Response lastRetryable = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            URI base = config.urls().get((attempt - 1) % config.urls().size());
            try {
                Response response = send(base, method, path, body);
                if (response.status() < 500 && response.status() != 429) {
                    return response;
                }
                lastRetryable = response;
                log.warn("schema registry {} answered {} to {} {} (attempt {} of {})",
                        response.url(), response.status(), method, path, attempt, attempts);
            } catch (IOException e) {
                lastFailure = e;
                log.warn("schema registry {} unreachable for {} {} (attempt {} of {}): {}",
                        RegistryClientConfig.withoutUserInfo(base), method, path, attempt, attempts, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry at "
                        + RegistryClientConfig.withoutUserInfo(base), e);
            }
            if (attempt < attempts) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.retryMaxWait()) > 0
                        ? config.retryMaxWait() : backoff.multipliedBy(2);
            }
        }
        if (lastRetryable != null) {
            return lastRetryable;
        }
        String urls = config.urls().stream().map(RegistryClientConfig::withoutUserInfo)
                .reduce((a, b) -> a + ", " + b).orElse("");
        throw new SchemaRegistryUnreachableException("schema registry unreachable at " + urls + " after "
                + attempts + " attempt(s) of " + method + " " + path + ": " + lastFailure, lastFailure);
    }

    private Response send(URI base, String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        URI target = URI.create(RegistryClientConfig.withoutUserInfo(base) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(config.requestTimeout())
                .header("Accept", MEDIA_TYPE + ", application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", MEDIA_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = response.body() == null || response.body().isBlank()
                    ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            parsed = json.createObjectNode().put("message", "non-JSON answer (HTTP " + response.statusCode() + ")");
        }
        return new Response(RegistryClientConfig.withoutUserInfo(base), response.statusCode(), parsed);
    }

    private static Schema parse(String text, String what, String url) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("registry at " + url + " returned an unparseable Avro schema for "
                    + what + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry the schema registry", e);
        }
    }

    private static String cacheKey(String subject, Schema schema) {
        return subject + '\u0000' + schema;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Response(String url, int status, JsonNode body) {

        int errorCode() {
            return body.path("error_code").asInt(-1);
        }

        String message() {
            String message = body.path("message").asText("");
            return message.isEmpty() ? "HTTP " + status : message;
        }

        void requireSuccess(String action) {
            if (status / 100 != 2) {
                throw new SchemaRegistryException("schema registry at " + url + " refused to " + action
                        + ": HTTP " + status + ", error_code " + errorCode() + ": " + message(),
                        status, errorCode());
            }
        }
    }
}
