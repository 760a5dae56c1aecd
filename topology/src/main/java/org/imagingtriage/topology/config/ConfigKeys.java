package org.imagingtriage.topology.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every key of {@code triage.properties} except the open {@code kafka.} section, with its default.
 * The loader refuses keys outside this list (and outside {@code kafka.}), and a test holds the
 * shipped example file and the README to it, so documentation and code cannot drift apart.
 */
public final class ConfigKeys {

    /** Everything under this prefix goes to the Kafka clients and Streams, prefix removed. */
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    public static final String PIPELINE_APPLICATION_ID = "pipeline.application.id";
    public static final String PIPELINE_PROCESSING_GUARANTEE = "pipeline.processing.guarantee";

    public static final String REGISTRY_PREFIX = "registry.";
    public static final String REGISTRY_URL = "registry.url";
    public static final String REGISTRY_CREDENTIALS_SOURCE = "registry.basic.auth.credentials.source";
    public static final String REGISTRY_USER_INFO = "registry.basic.auth.user.info";
    public static final String REGISTRY_CONNECT_TIMEOUT_MS = "registry.http.connect.timeout.ms";
    public static final String REGISTRY_READ_TIMEOUT_MS = "registry.http.read.timeout.ms";
    public static final String REGISTRY_MAX_RETRIES = "registry.max.retries";
    public static final String REGISTRY_RETRIES_WAIT_MS = "registry.retries.wait.ms";
    public static final String REGISTRY_RETRIES_MAX_WAIT_MS = "registry.retries.max.wait.ms";
    public static final String REGISTRY_LATEST_CACHE_TTL_SEC = "registry.latest.cache.ttl.sec";
    public static final String REGISTRY_AUTO_REGISTER_SCHEMAS = "registry.auto.register.schemas";
    public static final String REGISTRY_USE_LATEST_VERSION = "registry.use.latest.version";
    public static final String REGISTRY_KEY_SUBJECT_STRATEGY = "registry.key.subject.name.strategy";
    public static final String REGISTRY_VALUE_SUBJECT_STRATEGY = "registry.value.subject.name.strategy";

    public static final String TRITON_TARGET = "triton.target";
    public static final String TRITON_MODEL_NAME = "triton.model.name";
    public static final String TRITON_MODEL_VERSION = "triton.model.version";
    public static final String TRITON_MAX_NEW_TOKENS = "triton.max.new.tokens";
    public static final String TRITON_QUEUE_TIMEOUT_MS = "triton.queue.timeout.ms";
    public static final String TRITON_DEADLINE_MS = "triton.deadline.ms";
    public static final String TRITON_HEALTH_DEADLINE_MS = "triton.health.deadline.ms";
    public static final String TRITON_METADATA_DEADLINE_MS = "triton.metadata.deadline.ms";
    public static final String TRITON_STREAM_DEADLINE_MS = "triton.stream.deadline.ms";
    public static final String TRITON_STREAM_REQUEST_TIMEOUT_MS = "triton.stream.request.timeout.ms";
    public static final String TRITON_STARTUP_WAIT_MS = "triton.startup.wait.ms";
    public static final String TRITON_MAX_MESSAGE_BYTES = "triton.max.message.bytes";
    public static final String TRITON_KEEPALIVE_TIME_MS = "triton.keepalive.time.ms";
    public static final String TRITON_KEEPALIVE_TIMEOUT_MS = "triton.keepalive.timeout.ms";
    public static final String TRITON_RETRY_MAX_ATTEMPTS = "triton.retry.max.attempts";
    public static final String TRITON_RETRY_INITIAL_BACKOFF_MS = "triton.retry.initial.backoff.ms";
    public static final String TRITON_RETRY_MAX_BACKOFF_MS = "triton.retry.max.backoff.ms";
    public static final String TRITON_TLS_ENABLED = "triton.tls.enabled";
    public static final String TRITON_TLS_CA_FILE = "triton.tls.ca.file";
    public static final String TRITON_TLS_CLIENT_CERT_FILE = "triton.tls.client.cert.file";
    public static final String TRITON_TLS_CLIENT_KEY_FILE = "triton.tls.client.key.file";
    public static final String TRITON_TLS_AUTHORITY = "triton.tls.authority";

    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION_FACTOR = "topics.replication.factor";
    public static final String TOPICS_MAX_MESSAGE_BYTES = "topics.max.message.bytes";
    public static final String TOPICS_PROVISIONING = "topics.provisioning";
    public static final String TOPICS_REQUIRE_MATCH = "topics.require.match";
    public static final String TOPICS_ADMIN_TIMEOUT_MS = "topics.admin.timeout.ms";

    public static final String PROMPTS_CATALOG_FILE = "prompts.catalog.file";

    public static final String LIMITS_MAX_INLINE_IMAGE_BYTES = "limits.max.inline.image.bytes";
    public static final String LIMITS_MAX_REFERENCE_IMAGE_BYTES = "limits.max.reference.image.bytes";
    public static final String LIMITS_MAX_DECODED_PIXELS = "limits.max.decoded.pixels";
    public static final String LIMITS_REFERENCE_SCHEMES = "limits.reference.schemes";
    public static final String LIMITS_REFERENCE_FILE_ROOT = "limits.reference.file.root";

    public static final String REFERENCES_HTTP_ORIGINS = "references.http.origins";
    public static final String REFERENCES_HTTP_USERNAME = "references.http.username";
    public static final String REFERENCES_HTTP_PASSWORD = "references.http.password";
    public static final String REFERENCES_HTTP_BEARER_TOKEN = "references.http.bearer.token";
    public static final String REFERENCES_HTTP_TLS_CA_FILE = "references.http.tls.ca.file";
    public static final String REFERENCES_HTTP_CONNECT_TIMEOUT_MS = "references.http.connect.timeout.ms";
    public static final String REFERENCES_HTTP_TIMEOUT_MS = "references.http.timeout.ms";

    public static final String DEIDENTIFICATION_UNASSERTED = "deidentification.unasserted";
    public static final String DEIDENTIFICATION_IDENTITY_REMOVED = "deidentification.identity.removed";

    public static final String IMAGING_DICOM_FRAME = "imaging.dicom.frame";

    public static final String INFERENCE_MODE = "inference.mode";
    public static final String INFERENCE_MAX_IN_FLIGHT = "inference.max.in.flight";
    public static final String INFERENCE_MAX_IN_FLIGHT_PER_TASK = "inference.max.in.flight.per.task";
    public static final String INFERENCE_PRIORITY_RESERVED = "inference.priority.reserved";
    public static final String INFERENCE_RETRY_INITIAL_BACKOFF_MS = "inference.retry.initial.backoff.ms";
    public static final String INFERENCE_RETRY_MAX_BACKOFF_MS = "inference.retry.max.backoff.ms";
    public static final String INFERENCE_CIRCUIT_OPEN_AFTER_FAILURES = "inference.circuit.open.after.failures";
    public static final String INFERENCE_CIRCUIT_PROBE_INTERVAL_MS = "inference.circuit.probe.interval.ms";

    public static final String OBSERVABILITY_HTTP_PORT = "observability.http.port";
    public static final String OBSERVABILITY_HTTP_BIND_ADDRESS = "observability.http.bind.address";

    public static final String FEED_STATE_TOPIC = "feed.state.topic";
    public static final String FEED_ORTHANC_URL = "feed.orthanc.url";
    public static final String FEED_ORTHANC_USERNAME = "feed.orthanc.username";
    public static final String FEED_ORTHANC_PASSWORD = "feed.orthanc.password";
    public static final String FEED_ORTHANC_TLS_CA_FILE = "feed.orthanc.tls.ca.file";
    public static final String FEED_ORTHANC_CONNECT_TIMEOUT_MS = "feed.orthanc.connect.timeout.ms";
    public static final String FEED_ORTHANC_REQUEST_TIMEOUT_MS = "feed.orthanc.request.timeout.ms";

    /** All keys but {@code kafka.*}, in documentation order. */
    public static final List<ConfigKey> ALL = Stream.of(
            List.of(
                    ConfigKey.required(KAFKA_BOOTSTRAP_SERVERS),
                    ConfigKey.withDefault(PIPELINE_APPLICATION_ID, PipelineSettings.DEFAULT_APPLICATION_ID),
                    ConfigKey.withDefault(PIPELINE_PROCESSING_GUARANTEE, ProcessingGuarantee.EXACTLY_ONCE_V2),
                    ConfigKey.required(REGISTRY_URL),
                    ConfigKey.withDefault(REGISTRY_CREDENTIALS_SOURCE, "URL"),
                    ConfigKey.optional(REGISTRY_USER_INFO),
                    ConfigKey.withDefault(REGISTRY_CONNECT_TIMEOUT_MS, 10_000),
                    ConfigKey.withDefault(REGISTRY_READ_TIMEOUT_MS, 30_000),
                    ConfigKey.withDefault(REGISTRY_MAX_RETRIES, 3),
                    ConfigKey.withDefault(REGISTRY_RETRIES_WAIT_MS, 1_000),
                    ConfigKey.withDefault(REGISTRY_RETRIES_MAX_WAIT_MS, 20_000),
                    ConfigKey.withDefault(REGISTRY_LATEST_CACHE_TTL_SEC, -1),
                    ConfigKey.withDefault(REGISTRY_AUTO_REGISTER_SCHEMAS, true),
                    ConfigKey.withDefault(REGISTRY_USE_LATEST_VERSION, false),
                    ConfigKey.withDefault(REGISTRY_KEY_SUBJECT_STRATEGY, "TopicNameStrategy"),
                    ConfigKey.withDefault(REGISTRY_VALUE_SUBJECT_STRATEGY, "TopicNameStrategy"),
                    ConfigKey.required(TRITON_TARGET),
                    ConfigKey.withDefault(TRITON_MODEL_NAME, TritonModel.DEFAULT_NAME),
                    ConfigKey.optional(TRITON_MODEL_VERSION),
                    ConfigKey.optional(TRITON_MAX_NEW_TOKENS),
                    ConfigKey.optional(TRITON_QUEUE_TIMEOUT_MS),
                    ConfigKey.withDefault(TRITON_DEADLINE_MS, 120_000),
                    ConfigKey.withDefault(TRITON_HEALTH_DEADLINE_MS, 2_000),
                    ConfigKey.withDefault(TRITON_METADATA_DEADLINE_MS, 10_000),
                    ConfigKey.withDefault(TRITON_STREAM_DEADLINE_MS, 1_800_000),
                    ConfigKey.withDefault(TRITON_STREAM_REQUEST_TIMEOUT_MS, 120_000),
                    ConfigKey.withDefault(TRITON_STARTUP_WAIT_MS, 120_000),
                    ConfigKey.withDefault(TRITON_MAX_MESSAGE_BYTES, TritonTransport.DEFAULT_MAX_MESSAGE_BYTES),
                    ConfigKey.withDefault(TRITON_KEEPALIVE_TIME_MS, 300_000),
                    ConfigKey.withDefault(TRITON_KEEPALIVE_TIMEOUT_MS, 20_000),
                    ConfigKey.withDefault(TRITON_RETRY_MAX_ATTEMPTS, 4),
                    ConfigKey.withDefault(TRITON_RETRY_INITIAL_BACKOFF_MS, 200),
                    ConfigKey.withDefault(TRITON_RETRY_MAX_BACKOFF_MS, 2_000),
                    ConfigKey.withDefault(TRITON_TLS_ENABLED, false),
                    ConfigKey.optional(TRITON_TLS_CA_FILE),
                    ConfigKey.optional(TRITON_TLS_CLIENT_CERT_FILE),
                    ConfigKey.optional(TRITON_TLS_CLIENT_KEY_FILE),
                    ConfigKey.optional(TRITON_TLS_AUTHORITY)),
            topicKeys(),
            List.of(
                    ConfigKey.withDefault(TOPICS_PARTITIONS, TopicSettings.DEFAULT_PARTITIONS),
                    ConfigKey.withDefault(TOPICS_REPLICATION_FACTOR, TopicSettings.BROKER_DEFAULT_REPLICATION),
                    ConfigKey.withDefault(TOPICS_MAX_MESSAGE_BYTES, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES),
                    ConfigKey.withDefault(TOPICS_PROVISIONING, ProvisioningMode.CREATE),
                    ConfigKey.withDefault(TOPICS_REQUIRE_MATCH, true),
                    ConfigKey.withDefault(TOPICS_ADMIN_TIMEOUT_MS, 30_000),
                    ConfigKey.optional(PROMPTS_CATALOG_FILE),
                    ConfigKey.withDefault(LIMITS_MAX_INLINE_IMAGE_BYTES, LimitSettings.DEFAULT_MAX_INLINE_IMAGE_BYTES),
                    ConfigKey.withDefault(LIMITS_MAX_REFERENCE_IMAGE_BYTES,
                            LimitSettings.DEFAULT_MAX_REFERENCE_IMAGE_BYTES),
                    ConfigKey.withDefault(LIMITS_MAX_DECODED_PIXELS, LimitSettings.DEFAULT_MAX_DECODED_PIXELS),
                    ConfigKey.withDefault(LIMITS_REFERENCE_SCHEMES, "http,https"),
                    ConfigKey.optional(LIMITS_REFERENCE_FILE_ROOT),
                    ConfigKey.optional(REFERENCES_HTTP_ORIGINS),
                    ConfigKey.optional(REFERENCES_HTTP_USERNAME),
                    ConfigKey.optional(REFERENCES_HTTP_PASSWORD),
                    ConfigKey.optional(REFERENCES_HTTP_BEARER_TOKEN),
                    ConfigKey.optional(REFERENCES_HTTP_TLS_CA_FILE),
                    ConfigKey.withDefault(REFERENCES_HTTP_CONNECT_TIMEOUT_MS,
                            HttpReferenceSettings.DEFAULT_CONNECT_TIMEOUT_MS),
                    ConfigKey.withDefault(REFERENCES_HTTP_TIMEOUT_MS, HttpReferenceSettings.DEFAULT_TIMEOUT_MS),
                    ConfigKey.withDefault(DEIDENTIFICATION_UNASSERTED,
                            DeidentificationSettings.configValue(DeidentificationSettings.defaults().unasserted())),
                    ConfigKey.withDefault(DEIDENTIFICATION_IDENTITY_REMOVED,
                            DeidentificationSettings.configValue(DeidentificationSettings.defaults().identityRemoved())),
                    ConfigKey.withDefault(IMAGING_DICOM_FRAME,
                            ImagingSettings.configValue(ImagingSettings.defaults().dicomFrame())),
                    ConfigKey.withDefault(INFERENCE_MODE, InferenceMode.ASYNC),
                    ConfigKey.withDefault(INFERENCE_MAX_IN_FLIGHT, InferenceSettings.DEFAULT_MAX_IN_FLIGHT),
                    ConfigKey.withDefault(INFERENCE_MAX_IN_FLIGHT_PER_TASK, InferenceSettings.DEFAULT_MAX_IN_FLIGHT),
                    ConfigKey.withDefault(INFERENCE_PRIORITY_RESERVED, InferenceSettings.DEFAULT_PRIORITY_RESERVED),
                    ConfigKey.withDefault(INFERENCE_RETRY_INITIAL_BACKOFF_MS, 500),
                    ConfigKey.withDefault(INFERENCE_RETRY_MAX_BACKOFF_MS, 30_000),
                    ConfigKey.withDefault(INFERENCE_CIRCUIT_OPEN_AFTER_FAILURES,
                            InferenceSettings.DEFAULT_CIRCUIT_OPEN_AFTER_FAILURES),
                    ConfigKey.withDefault(INFERENCE_CIRCUIT_PROBE_INTERVAL_MS, 1000),
                    ConfigKey.withDefault(OBSERVABILITY_HTTP_PORT, ObservabilitySettings.DEFAULT_PORT),
                    ConfigKey.withDefault(OBSERVABILITY_HTTP_BIND_ADDRESS, ObservabilitySettings.DEFAULT_BIND_ADDRESS),
                    ConfigKey.withDefault(FEED_STATE_TOPIC, OrthancFeedSettings.DEFAULT_STATE_TOPIC),
                    ConfigKey.optional(FEED_ORTHANC_URL),
                    ConfigKey.optional(FEED_ORTHANC_USERNAME),
                    ConfigKey.optional(FEED_ORTHANC_PASSWORD),
                    ConfigKey.optional(FEED_ORTHANC_TLS_CA_FILE),
                    ConfigKey.withDefault(FEED_ORTHANC_CONNECT_TIMEOUT_MS, 5_000),
                    ConfigKey.withDefault(FEED_ORTHANC_REQUEST_TIMEOUT_MS, 120_000)))
            .flatMap(List::stream)
            .toList();

    private static final Map<String, ConfigKey> BY_NAME = index();

    private ConfigKeys() {
    }

    public static Optional<ConfigKey> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    /** Per topic role: its name, its partitions (defaulting to topics.partitions) and, unless compacted, its retention. */
    private static List<ConfigKey> topicKeys() {
        return Stream.of(TopicRole.values())
                .flatMap(role -> Stream.concat(
                        Stream.of(
                                ConfigKey.withDefault(role.nameKey(), role.defaultName()),
                                ConfigKey.optional(role.partitionsKey())),
                        role.defaultRetention().stream()
                                .map(retention -> ConfigKey.withDefault(role.retentionKey(), retention.toMillis()))))
                .toList();
    }

    private static Map<String, ConfigKey> index() {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey key : ALL) {
            if (byName.put(key.name(), key) != null) {
                throw new IllegalStateException("configuration key listed twice: " + key.name());
            }
        }
        return Map.copyOf(byName);
    }
}
