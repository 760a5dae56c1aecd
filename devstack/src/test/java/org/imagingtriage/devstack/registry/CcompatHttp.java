package org.imagingtriage.devstack.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Speaks the Confluent Schema Registry REST protocol to a registry, as a serde would, for tests. */
final class CcompatHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .proxy(HttpClient.Builder.NO_PROXY)
            // As the Confluent serdes' REST client does.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String ccompatUrl;

    CcompatHttp(String ccompatUrl) {
        this.ccompatUrl = ccompatUrl;
    }

    /** A status code and body. */
    record Answer(int status, String body) {

        /** The "id" field of the body. */
        int id() {
            Matcher matcher = ID.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no \"id\" in " + body);
            }
            return Integer.parseInt(matcher.group(1));
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The registration body for an Avro schema: {"schema": "<the schema as a JSON string>"}. */
    static String schemaBody(String avroSchemaJson) {
        return "{\"schema\": \"" + avroSchemaJson.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(ccompatUrl + path))
                .timeout(TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
