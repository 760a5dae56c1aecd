package org.imagingtriage.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.imagingtriage.schemas.registry.ScriptedRegistry.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema SAMPLE = SchemaBuilder.record("Sample").namespace("test")
            .fields().requiredString("id").endRecord();
    private static final String SAMPLE_JSON = "{\"schema\":" + quote(SAMPLE.toString()) + "}";

    private final ScriptedRegistry registry;

    SchemaRegistryClientTest() throws IOException {
        registry = new ScriptedRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private SchemaRegistryClient client(Map<String, Object> extra) {
        Map<String, Object> configs = new java.util.HashMap<>(Map.of(
                RegistryClientConfig.URL, registry.url(),
                RegistryClientConfig.RETRIES_WAIT_MS, 10,
                RegistryClientConfig.RETRIES_MAX_WAIT_MS, 40));
        configs.putAll(extra);
        return new SchemaRegistryClient(RegistryClientConfig.fromConfluentConfigs(configs));
    }

    @Test
    void registrationIsCachedBothWays() {
        // given a registry that assigns id 7
        registry.on("POST", "/subjects/t-value/versions", Answer.json(200, "{\"id\":7}"));
        SchemaRegistryClient client = client(Map.of());

        // when the same schema is registered twice and then fetched by id
        int first = client.register("t-value", SAMPLE);
        int second = client.register("t-value", SAMPLE);
        Schema byId = client.schemaById(7);

        // then the registry saw one call, and the id maps back without another call
        assertThat(first).isEqualTo(7).isEqualTo(second);
        assertThat(byId).isEqualTo(SAMPLE);
        assertThat(registry.calls()).hasSize(1);
    }

    @Test
    void schemaByIdIsFetchedOnceAndCached() {
        registry.on("GET", "/schemas/ids/3", Answer.json(200, SAMPLE_JSON));
        SchemaRegistryClient client = client(Map.of());

        assertThat(client.schemaById(3)).isEqualTo(SAMPLE);
        assertThat(client.schemaById(3)).isEqualTo(SAMPLE);
        assertThat(registry.callsTo("GET", "/schemas/ids/3")).isEqualTo(1);
    }

    @Test
    void unknownIdNamesTheIdAndTheRegistry() {
        registry.on("GET", "/schemas/ids/999", Answer.json(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));

        assertThatThrownBy(() -> client(Map.of()).schemaById(999))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("unknown schema id 999")
                .hasMessageContaining(registry.url())
                .hasMessageContaining("Schema not found");
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() {
        // given a registry that fails twice with 503
        registry.on("GET", "/schemas/ids/1", Answer.json(503, "{\"message\":\"busy\"}"),
                Answer.json(503, "{\"message\":\"busy\"}"), Answer.json(200, SAMPLE_JSON));

        // when the schema is fetched with 3 retries allowed
        Schema schema = client(Map.of(RegistryClientConfig.MAX_RETRIES, 3)).schemaById(1);

        // then the third attempt's answer is used
        assertThat(schema).isEqualTo(SAMPLE);
        assertThat(registry.callsTo("GET", "/schemas/ids/1")).isEqualTo(3);
    }

    @Test
    void retriesAreBoundedAndTheLastErrorIsReported() {
        registry.on("GET", "/schemas/ids/1", Answer.json(500, "{\"error_code\":50001,\"message\":\"store down\"}"));

        assertThatThrownBy(() -> client(Map.of(RegistryClientConfig.MAX_RETRIES, 2)).schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("store down");
        assertThat(registry.callsTo("GET", "/schemas/ids/1")).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        registry.on("POST", "/subjects/t-value/versions",
                Answer.json(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}"));

        assertThatThrownBy(() -> client(Map.of()).register("t-value", SAMPLE))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("Invalid schema")
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(42201);
        assertThat(registry.calls()).hasSize(1);
    }

    @Test
    void incompatibleRegistrationCarriesTheRegistryMessage() {
        registry.on("POST", "/subjects/t-value/versions",
                Answer.json(409, "{\"error_code\":409,\"message\":\"READER_FIELD_MISSING_DEFAULT_VALUE: id\"}"));

        assertThatThrownBy(() -> client(Map.of()).register("t-value", SAMPLE))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject t-value")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE: id");
    }

    @Test
    void lookupOfAnUnregisteredSchemaIsEmpty() {
        registry.on("POST", "/subjects/t-value", Answer.json(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));

        assertThat(client(Map.of()).lookup("t-value", SAMPLE)).isEmpty();
    }

    @Test
    void latestVersionIsCachedForItsTtl() {
        registry.on("GET", "/subjects/t-value/versions/latest",
                Answer.json(200, "{\"subject\":\"t-value\",\"id\":5,\"version\":2,\"schema\":" + quote(SAMPLE.toString()) + "}"));
        SchemaRegistryClient forever = client(Map.of());

        SubjectSchema latest = forever.latest("t-value");
        forever.latest("t-value");

        assertThat(latest).isEqualTo(new SubjectSchema("t-value", 5, 2, SAMPLE));
        assertThat(registry.callsTo("GET", "/subjects/t-value/versions/latest")).isEqualTo(1);

        SchemaRegistryClient uncached = client(Map.of(RegistryClientConfig.LATEST_CACHE_TTL_SEC, 0));
        uncached.latest("t-value");
        uncached.latest("t-value");
        assertThat(registry.callsTo("GET", "/subjects/t-value/versions/latest")).isEqualTo(3);
    }

    @Test
    void basicAuthFromUserInfoIsSentAndNeverQuoted() {
        registry.on("GET", "/schemas/ids/4", Answer.json(404, "{\"error_code\":40403,\"message\":\"nope\"}"));
        SchemaRegistryClient client = client(Map.of(
                RegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.USER_INFO, "svc:s3cret"));

        assertThatThrownBy(() -> client.schemaById(4)).hasMessageNotContaining("s3cret");
        assertThat(registry.calls().get(0).authorization()).isEqualTo("Basic c3ZjOnMzY3JldA==");
    }

    @Test
    void unreachableRegistryIsReportedWithItsUrlAfterBoundedRetries() throws IOException {
        // given a port nothing listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.fromConfluentConfigs(Map.of(
                RegistryClientConfig.URL, url, RegistryClientConfig.MAX_RETRIES, 1,
                RegistryClientConfig.RETRIES_WAIT_MS, 10)));

        // then the error says unreachable, names the URL and how many attempts were made
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageContaining("unreachable at " + url)
                .hasMessageContaining("2 attempt(s)");
    }

    @Test
    void aSlowRegistryTimesOutAsUnreachable() {
        registry.on("GET", "/schemas/ids/1", new Answer(200, SAMPLE_JSON, 2_000));
        SchemaRegistryClient client = client(Map.of(RegistryClientConfig.READ_TIMEOUT_MS, 200,
                RegistryClientConfig.MAX_RETRIES, 0));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageContaining(registry.url())
                .hasMessageContaining("timed out");
    }

    @Test
    void theSecondUrlIsTriedWhenTheFirstIsDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.on("GET", "/schemas/ids/2", Answer.json(200, SAMPLE_JSON));
        SchemaRegistryClient client = client(Map.of(RegistryClientConfig.URL,
                "http://127.0.0.1:" + closedPort + "," + registry.url()));

        assertThat(client.schemaById(2)).isEqualTo(SAMPLE);
    }

    @Test
    void subjectsAreUrlEncoded() {
        registry.on("POST", "/subjects/a%20b%2Fc/versions", Answer.json(200, "{\"id\":1}"));

        assertThat(client(Map.of()).register("a b/c", SAMPLE)).isEqualTo(1);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
