package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of the loader, one row each: given the minimal configuration with some keys
 * changed, loading fails with a message naming the key, and never quoting the bad value.
 */
class ValidationMessagesTest {

    /** A value that must never appear in a message: every bad value below contains it. */
    private static final String SECRET = "s3cret";

    static Stream<Arguments> refusals() {
        return Stream.of(
                // value parsing
                row(ConfigKeys.TRITON_DEADLINE_MS, "x" + SECRET, "triton.deadline.ms must be a whole number"),
                row(ConfigKeys.TOPICS_PARTITIONS, "1" + SECRET, "topics.partitions must be a whole number"),
                row(ConfigKeys.TOPICS_REQUIRE_MATCH, SECRET, "topics.require.match must be true or false"),
                row(ConfigKeys.PIPELINE_PROCESSING_GUARANTEE, SECRET,
                        "pipeline.processing.guarantee must be one of exactly_once_v2, at_least_once"),
                row(ConfigKeys.PIPELINE_PROCESSING_GUARANTEE, "exactly_once",
                        "pipeline.processing.guarantee must be one of exactly_once_v2, at_least_once"),
                row(ConfigKeys.PROMPTS_CATALOG_FILE, "nul\u0000" + SECRET, "prompts.catalog.file is not a valid file path"),
                row(ConfigKeys.DEIDENTIFICATION_UNASSERTED, SECRET,
                        "deidentification.unasserted must be one of reject, allow"),
                row(ConfigKeys.DEIDENTIFICATION_IDENTITY_REMOVED, "yes",
                        "deidentification.identity.removed must be one of require_yes, ignore"),
                // kafka.
                row("kafka.", SECRET, "kafka. must be followed by a Kafka setting name"),
                row("kafka.application.id", SECRET, "kafka.application.id is owned by the pipeline and may not be set: "
                        + "set pipeline.application.id instead"),
                row("kafka.processing.guarantee", SECRET, "kafka.processing.guarantee is owned by the pipeline and "
                        + "may not be set: set pipeline.processing.guarantee instead"),
                row("kafka.producer.transactional.id", SECRET, "kafka.producer.transactional.id is owned by the "
                        + "pipeline and may not be set: Kafka Streams derives transactional ids itself"),
                row("kafka.main.consumer.isolation.level", SECRET, "kafka.main.consumer.isolation.level is owned"),
                row("kafka.value.serializer", SECRET, "kafka.value.serializer is owned by the pipeline"),
                row("kafka.default.key.serde", SECRET, "kafka.default.key.serde is owned by the pipeline"),
                row("kafka.max.request.size", "1048576", "kafka.max.request.size (1048576) is below the 16777216 bytes"),
                row("kafka.producer.max.request.size", SECRET, "kafka.producer.max.request.size must be a whole number"),
                row("kafka.enable.idempotence", "false", "kafka.enable.idempotence=false contradicts "
                        + "pipeline.processing.guarantee=exactly_once_v2"),
                row("kafka.producer.acks", "1", "kafka.producer.acks must be all (or unset) when "
                        + "pipeline.processing.guarantee is exactly_once_v2"),
                // pipeline.
                row(ConfigKeys.PIPELINE_APPLICATION_ID, "triage/" + SECRET,
                        "pipeline.application.id may contain only ASCII letters, digits"),
                // registry.
                row(ConfigKeys.REGISTRY_URL, "ftp://" + SECRET + "@registry", "registry.url must use http or https"),
                row(ConfigKeys.REGISTRY_URL, "::" + SECRET, "registry.url has an entry that is not an absolute URL"),
                row(ConfigKeys.REGISTRY_CREDENTIALS_SOURCE, SECRET, "registry.basic.auth.credentials.source must be "
                        + "URL or USER_INFO"),
                row(ConfigKeys.REGISTRY_USER_INFO, "no-colon-" + SECRET, "registry.basic.auth.user.info must have the "
                        + "form user:password", ConfigKeys.REGISTRY_CREDENTIALS_SOURCE, "USER_INFO"),
                row(ConfigKeys.REGISTRY_CREDENTIALS_SOURCE, "USER_INFO", "registry.basic.auth.credentials.source=USER_INFO "
                        + "requires registry.basic.auth.user.info"),
                row(ConfigKeys.REGISTRY_CONNECT_TIMEOUT_MS, "0", "registry.http.connect.timeout.ms must be positive"),
                row(ConfigKeys.REGISTRY_READ_TIMEOUT_MS, "-1", "registry.http.read.timeout.ms must be positive"),
                row(ConfigKeys.REGISTRY_MAX_RETRIES, "-1", "registry.max.retries must not be negative"),
                row(ConfigKeys.REGISTRY_MAX_RETRIES, SECRET, "registry.max.retries must be an integer"),
                row(ConfigKeys.REGISTRY_RETRIES_WAIT_MS, "0", "registry.retries.wait.ms must be positive"),
                row(ConfigKeys.REGISTRY_RETRIES_MAX_WAIT_MS, "0", "registry.retries.max.wait.ms must be positive"),
                row(ConfigKeys.REGISTRY_AUTO_REGISTER_SCHEMAS, SECRET, "registry.auto.register.schemas must be true or false"),
                row(ConfigKeys.REGISTRY_USE_LATEST_VERSION, SECRET, "registry.use.latest.version must be true or false"),
                row(ConfigKeys.REGISTRY_VALUE_SUBJECT_STRATEGY, "Bogus", "registry.value.subject.name.strategy must be "
                        + "TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy"),
                // triton.
                row(ConfigKeys.TRITON_MODEL_VERSION, "latest", "triton.model.version must be a positive whole number"),
                row(ConfigKeys.TRITON_MAX_NEW_TOKENS, "0", "triton.max.new.tokens must be between 1 and 4096"),
                row(ConfigKeys.TRITON_MAX_NEW_TOKENS, "4097", "triton.max.new.tokens must be between 1 and 4096"),
                row(ConfigKeys.TRITON_QUEUE_TIMEOUT_MS, "0", "triton.queue.timeout.ms must be positive"),
                row(ConfigKeys.TRITON_QUEUE_TIMEOUT_MS, "120000", "triton.queue.timeout.ms (120000) must be below "
                        + "triton.deadline.ms (120000)"),
                row(ConfigKeys.TRITON_DEADLINE_MS, "0", "triton.deadline.ms must be positive"),
                row(ConfigKeys.TRITON_HEALTH_DEADLINE_MS, "-5", "triton.health.deadline.ms must be positive"),
                row(ConfigKeys.TRITON_METADATA_DEADLINE_MS, "0", "triton.metadata.deadline.ms must be positive"),
                row(ConfigKeys.TRITON_STREAM_DEADLINE_MS, "0", "triton.stream.deadline.ms must be positive"),
                row(ConfigKeys.TRITON_STREAM_REQUEST_TIMEOUT_MS, "0", "triton.stream.request.timeout.ms must be positive"),
                row(ConfigKeys.TRITON_STREAM_REQUEST_TIMEOUT_MS, "1800001", "triton.stream.request.timeout.ms (1800001) "
                        + "must not exceed triton.stream.deadline.ms (1800000)"),
                row(ConfigKeys.TRITON_MAX_MESSAGE_BYTES, "2097152", "triton.max.message.bytes must be at least 2473984"),
                row(ConfigKeys.TRITON_KEEPALIVE_TIME_MS, "5000", "triton.keepalive.time.ms must be at least 10000"),
                row(ConfigKeys.TRITON_KEEPALIVE_TIMEOUT_MS, "0", "triton.keepalive.timeout.ms must be positive"),
                row(ConfigKeys.TRITON_RETRY_MAX_ATTEMPTS, "6", "triton.retry.max.attempts must be between 1"),
                row(ConfigKeys.TRITON_RETRY_MAX_ATTEMPTS, "0", "triton.retry.max.attempts must be between 1"),
                row(ConfigKeys.TRITON_RETRY_INITIAL_BACKOFF_MS, "0", "triton.retry.initial.backoff.ms must be positive"),
                row(ConfigKeys.TRITON_RETRY_MAX_BACKOFF_MS, "0", "triton.retry.max.backoff.ms must be positive"),
                row(ConfigKeys.TRITON_RETRY_INITIAL_BACKOFF_MS, "5000", "triton.retry.initial.backoff.ms (5000) must not "
                        + "exceed triton.retry.max.backoff.ms (2000)"),
                row(ConfigKeys.TRITON_TLS_ENABLED, "maybe", "triton.tls.enabled must be true or false"),
                row(ConfigKeys.TRITON_TLS_CA_FILE, "/nonexistent/" + "ca.pem",
                        "triton.tls.ca.file names a file that is missing or unreadable: /nonexistent/ca.pem"),
                row(ConfigKeys.TRITON_TLS_CLIENT_KEY_FILE, "/nonexistent/key.pem", "triton.tls.client.cert.file and "
                        + "triton.tls.client.key.file must be set together"),
                row(ConfigKeys.TRITON_TLS_ENABLED, "false", "triton.tls.enabled is false but triton.tls.* files or "
                        + "authority are set", ConfigKeys.TRITON_TLS_AUTHORITY, "triton.internal"),
                // topics.
                row(TopicRole.DRAFTS.nameKey(), "drafts/" + SECRET, "topics.drafts.name must be a Kafka topic name"),
                row(TopicRole.DRAFTS.nameKey(), "imaging.events", "topics.events.name and topics.drafts.name name the "
                        + "same topic"),
                row(ConfigKeys.TOPICS_PARTITIONS, "0", "topics.partitions must be at least 1"),
                row(TopicRole.PRIORITY_EVENTS.partitionsKey(), "0", "topics.priority.partitions must be at least 1"),
                row(TopicRole.DEAD_LETTERS.retentionKey(), "0", "topics.dlq.retention.ms must be positive"),
                row(ConfigKeys.TOPICS_REPLICATION_FACTOR, "0", "topics.replication.factor must be at least 1, or -1"),
                row(ConfigKeys.TOPICS_REPLICATION_FACTOR, "40000", "topics.replication.factor must be at least 1, or -1"),
                row(ConfigKeys.TOPICS_MAX_MESSAGE_BYTES, "0", "topics.max.message.bytes must be positive"),
                row(ConfigKeys.TOPICS_MAX_MESSAGE_BYTES, "1048576", "topics.max.message.bytes (1048576) must be at least "
                        + "limits.max.inline.image.bytes (15728640) + 1048576 bytes for the record's envelope = 16777216"),
                row(ConfigKeys.TOPICS_PROVISIONING, "auto", "topics.provisioning must be one of create, check"),
                row(ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS, "0", "topics.admin.timeout.ms must be positive"),
                row(ConfigKeys.TOPICS_ADMIN_TIMEOUT_MS, "3000000000", "topics.admin.timeout.ms must be at most 2147483647"),
                // prompts.
                row(ConfigKeys.PROMPTS_CATALOG_FILE, "/nonexistent/prompts.json", "prompts.catalog.file names a file "
                        + "that is missing or unreadable: /nonexistent/prompts.json"),
                // limits.
                row(ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES, "0", "limits.max.inline.image.bytes must be positive"),
                row(ConfigKeys.LIMITS_MAX_REFERENCE_IMAGE_BYTES, "-1", "limits.max.reference.image.bytes must be positive"),
                row(ConfigKeys.LIMITS_MAX_DECODED_PIXELS, "0", "limits.max.decoded.pixels must be positive"),
                row(ConfigKeys.LIMITS_REFERENCE_SCHEMES, "https,ftp", "limits.reference.schemes may list only file, "
                        + "http, https"),
                row(ConfigKeys.LIMITS_REFERENCE_SCHEMES, "file,https", "limits.reference.file.root is required when "
                        + "limits.reference.schemes allows file: set limits.reference.file.root in the configuration "
                        + "file or the environment variable TRIAGE_LIMITS_REFERENCE_FILE_ROOT"),
                row(ConfigKeys.LIMITS_REFERENCE_FILE_ROOT, "relative/images", "limits.reference.file.root must be an "
                        + "absolute path"),
                row(ConfigKeys.LIMITS_REFERENCE_FILE_ROOT, "/nonexistent/images", "limits.reference.file.root is not an "
                        + "existing directory: /nonexistent/images"),
                // references.http.
                row(ConfigKeys.REFERENCES_HTTP_ORIGINS, "ftp://" + SECRET, "references.http.origins entry 1 is not an "
                        + "origin: it is not scheme://host[:port][/path] with scheme http or https"),
                row(ConfigKeys.REFERENCES_HTTP_ORIGINS, "https://pacs, https://reader:" + SECRET + "@pacs",
                        "references.http.origins entry 2 is not an origin: it carries user information"),
                row(ConfigKeys.REFERENCES_HTTP_ORIGINS, "http://orthanc:8042", "references.http.origins lists an http "
                        + "origin but limits.reference.schemes does not allow http", ConfigKeys.LIMITS_REFERENCE_SCHEMES,
                        "https"),
                row(ConfigKeys.REFERENCES_HTTP_PASSWORD, SECRET, "references.http.username, references.http.password "
                        + "and references.http.bearer.token: a password needs a user name"),
                row(ConfigKeys.REFERENCES_HTTP_BEARER_TOKEN, SECRET, "not both", ConfigKeys.REFERENCES_HTTP_USERNAME,
                        "reader"),
                row(ConfigKeys.REFERENCES_HTTP_BEARER_TOKEN, "two " + SECRET, "a bearer token must be non-blank "
                        + "printable ASCII without spaces"),
                row(ConfigKeys.REFERENCES_HTTP_USERNAME, "reader:" + SECRET, "a Basic user name must be non-empty and "
                        + "contain no ':'"),
                row(ConfigKeys.REFERENCES_HTTP_TLS_CA_FILE, "/nonexistent/pacs-ca.pem", "references.http.tls.ca.file "
                        + "names a file that is missing or unreadable"),
                row(ConfigKeys.REFERENCES_HTTP_CONNECT_TIMEOUT_MS, "0", "references.http.connect.timeout.ms must be "
                        + "positive"),
                row(ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS, "-1", "references.http.timeout.ms must be positive"),
                row(ConfigKeys.REFERENCES_HTTP_CONNECT_TIMEOUT_MS, "60001", "references.http.connect.timeout.ms "
                        + "(60001) must not exceed references.http.timeout.ms (60000)"),
                row(ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS, "150001", "references.http.timeout.ms (150001) must not "
                        + "exceed the stream thread's retry budget (149999 ms"),
                // inference.
                row(ConfigKeys.INFERENCE_MODE, "batch", "inference.mode must be one of async, blocking"),
                row(ConfigKeys.INFERENCE_MAX_IN_FLIGHT, "0", "inference.max.in.flight must be between 1 and 1024"),
                row(ConfigKeys.INFERENCE_MAX_IN_FLIGHT, "1025", "inference.max.in.flight must be between 1 and 1024"),
                row(ConfigKeys.INFERENCE_PRIORITY_RESERVED, "24", "inference.priority.reserved (24) must be at least 0 "
                        + "and below inference.max.in.flight (24)"),
                row(ConfigKeys.INFERENCE_PRIORITY_RESERVED, "-1", "inference.priority.reserved (-1) must be at least 0"),
                row(ConfigKeys.INFERENCE_RETRY_INITIAL_BACKOFF_MS, "0", "inference.retry.initial.backoff.ms must be positive"),
                row(ConfigKeys.INFERENCE_RETRY_MAX_BACKOFF_MS, "100", "inference.retry.initial.backoff.ms (500) must not "
                        + "exceed inference.retry.max.backoff.ms (100)"),
                // observability.
                row(ConfigKeys.OBSERVABILITY_HTTP_PORT, "65536", "observability.http.port must be between 0"),
                row(ConfigKeys.OBSERVABILITY_HTTP_PORT, "-1", "observability.http.port must be between 0"),
                row(ConfigKeys.OBSERVABILITY_HTTP_BIND_ADDRESS, "http://" + SECRET + "/", "observability.http.bind.address "
                        + "must be a host name or an IP address"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("refusals")
    void refusesNamingTheKey(String key, String value, String expectedMessage, Map<String, String> alongside) {
        // given
        Map<String, String> changes = new HashMap<>(alongside);
        changes.put(key, value);
        Map<String, String> properties = TestConfigs.with(changes);

        // when / then
        assertThatThrownBy(() -> TestConfigs.load(properties))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageContaining(expectedMessage)
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(((TriageConfigException) e).keys()).isNotEmpty());
    }

    private static Arguments row(String key, String value, String expectedMessage) {
        return Arguments.of(key, value, expectedMessage, Map.of());
    }

    private static Arguments row(String key, String value, String expectedMessage, String otherKey, String otherValue) {
        return Arguments.of(key, value, expectedMessage, Map.of(otherKey, otherValue));
    }
}
