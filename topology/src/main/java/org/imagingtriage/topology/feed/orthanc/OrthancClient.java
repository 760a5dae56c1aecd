package org.imagingtriage.topology.feed.orthanc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.imagingtriage.topology.feed.orthanc.OrthancException.Kind;
import org.imagingtriage.topology.http.HttpAuth;

/**
 * The few calls of Orthanc's REST API the feed makes. It takes an {@link HttpClient} it does not
 * own; every call has a deadline covering the whole answer, and answers are read with bounded
 * memory (JSON up to {@link #MAX_JSON_BYTES}, DICOM files hashed as they arrive).
 */
public final class OrthancClient {

    /** Orthanc's JSON answers for one page of changes or one instance's tags stay far below this. */
    static final long MAX_JSON_BYTES = 16L * 1024 * 1024;
    /** Error answers are read this far, to tell Orthanc's own "unknown resource" from a proxy's 404. */
    private static final long MAX_ERROR_BYTES = 64 * 1024;
    /** What Orthanc's JSON error answers carry, and a proxy's do not. */
    private static final String ORTHANC_ERROR_MARK = "\"OrthancStatus\"";

    /** Orthanc's resource ids: SHA-1 based, lower-case hex in dash-separated groups. */
    private static final Pattern RESOURCE_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{8}){4}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI root;
    private final HttpAuth auth;
    private final Duration requestTimeout;

    /**
     * @param root Orthanc's REST root, without a trailing slash
     */
    public OrthancClient(HttpClient http, URI root, HttpAuth auth, Duration requestTimeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.root = Objects.requireNonNull(root, "root");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** The changes after {@code since}, at most {@code limit} of them. */
    public ChangesPage changes(long since, int limit) throws OrthancException, InterruptedException {
        JsonNode page = json("/changes", "/changes?since=" + since + "&limit=" + limit);
        List<OrthancChange> changes = new ArrayList<>();
        for (JsonNode change : page.path("Changes")) {
            changes.add(new OrthancChange(change.path("Seq").asLong(), change.path("ChangeType").asText(""),
                    change.path("ID").asText("")));
        }
        return new ChangesPage(changes, page.path("Done").asBoolean(true), page.path("Last").asLong(0));
    }

    /** The seq of the last change in the log: where a feed starting "now" begins. */
    public long lastChange() throws OrthancException, InterruptedException {
        return json("/changes?last", "/changes?last").path("Last").asLong(0);
    }

    /**
     * An instance's tags as Orthanc's {@code simplified-tags} give them, keyed by DICOM keyword;
     * only the top-level tags with a text value (sequences are left out).
     */
    public Map<String, String> instanceTags(String instanceId) throws OrthancException, InterruptedException {
        JsonNode tags = json("/instances/{id}/simplified-tags", "/instances/" + checked(instanceId) + "/simplified-tags");
        Map<String, String> byKeyword = new LinkedHashMap<>();
        tags.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                byKeyword.put(field.getKey(), field.getValue().asText());
            }
        });
        return byKeyword;
    }

    /** A series' instances and whether Orthanc considers it stable. */
    public OrthancSeries series(String seriesId) throws OrthancException, InterruptedException {
        JsonNode series = json("/series/{id}", "/series/" + checked(seriesId));
        List<String> ids = new ArrayList<>();
        series.path("Instances").forEach(id -> ids.add(id.asText()));
        return new OrthancSeries(ids, series.path("IsStable").asBoolean(false));
    }

    /** The Orthanc id of the series an instance belongs to. */
    public String parentSeries(String instanceId) throws OrthancException, InterruptedException {
        String parent = json("/instances/{id}", "/instances/" + checked(instanceId)).path("ParentSeries").asText("");
        if (!RESOURCE_ID.matcher(parent).matches()) {
            throw new OrthancException(Kind.UNAVAILABLE, "GET /instances/{id} answered without a ParentSeries");
        }
        return parent;
    }

    /**
     * Downloads an instance's DICOM file: its size and SHA-256, and its bytes when it has at most
     * {@code keepLimit} of them.
     *
     * @param maxBytes larger files are not read to the end: {@link Kind#TOO_LARGE}
     */
    public ReceivedBody download(String instanceId, long keepLimit, long maxBytes)
            throws OrthancException, InterruptedException {
        return receive("/instances/{id}/file", fileUri(instanceId), new BodyDigest(keepLimit, maxBytes),
                "application/dicom");
    }

    /** Where the pipeline fetches an instance's file from, when it does not travel inline. */
    public URI fileUri(String instanceId) {
        return URI.create(root + "/instances/" + checked(instanceId) + "/file");
    }

    private JsonNode json(String pathPattern, String pathAndQuery) throws OrthancException, InterruptedException {
        ReceivedBody body = receive(pathPattern, URI.create(root + pathAndQuery), new BodyDigest(MAX_JSON_BYTES,
                MAX_JSON_BYTES), "application/json");
        try {
            return JSON.readTree(body.bytes().orElseThrow());
        } catch (IOException e) {
            throw new OrthancException(Kind.UNAVAILABLE, "GET " + pathPattern + " answered with malformed JSON");
        }
    }

    private ReceivedBody receive(String pathPattern, URI uri, BodyDigest body, String accept)
            throws OrthancException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout).header("Accept", accept);
        auth.authorization().ifPresent(value -> request.header("Authorization", value));
        BodyDigest error = new BodyDigest(MAX_ERROR_BYTES, Long.MAX_VALUE);
        CompletableFuture<HttpResponse<ReceivedBody>> answer = http.sendAsync(request.build(),
                info -> info.statusCode() == 200 ? body : error);
        HttpResponse<ReceivedBody> response;
        try {
            response = answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.abandon();
            error.abandon();
            answer.cancel(true);
            throw new OrthancException(Kind.UNAVAILABLE, "GET " + pathPattern + " did not complete within "
                    + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            body.abandon();
            error.abandon();
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(pathPattern, e.getCause());
        }
        if (response.statusCode() != 200) {
            boolean orthancError = isOrthancError(response.body());
            Kind kind = OrthancException.kindOf(response.statusCode(), orthancError);
            throw new OrthancException(kind, "GET " + pathPattern + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (check feed.orthanc.username and feed.orthanc.password)" : ""),
                    orthancError && response.statusCode() == 500);
        }
        return response.body();
    }

    private static OrthancException failure(String pathPattern, Throwable cause) {
        for (Throwable link = cause; link != null; link = link.getCause()) {
            if (link instanceof SSLException) {
                return new OrthancException(Kind.REFUSED, "GET " + pathPattern + ": TLS failed ("
                        + link.getClass().getSimpleName() + "; check feed.orthanc.tls.ca.file and the host name)", cause);
            }
        }
        if (cause instanceof BodyTooLargeException) {
            return new OrthancException(Kind.TOO_LARGE, "GET " + pathPattern + ": " + cause.getMessage(), cause);
        }
        String what = cause instanceof ConnectException ? "cannot connect" : "failed";
        return new OrthancException(Kind.UNAVAILABLE, "GET " + pathPattern + " " + what + " ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    private static boolean isOrthancError(ReceivedBody error) {
        return error != null && error.bytes()
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains(ORTHANC_ERROR_MARK))
                .orElse(false);
    }

    private static String checked(String resourceId) {
        if (resourceId == null || !RESOURCE_ID.matcher(resourceId).matches()) {
            throw new IllegalArgumentException("not an Orthanc resource id");
        }
        return resourceId;
    }
}
