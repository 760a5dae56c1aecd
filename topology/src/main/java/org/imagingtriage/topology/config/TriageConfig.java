package org.imagingtriage.topology.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.imagingtriage.inference.medgemma.GenerationParameters;
import org.imagingtriage.inference.medgemma.PromptCatalog;

/**
 * The pipeline's whole configuration, validated: each part checks itself, and this record checks
 * what one part requires of another (topics large enough for the inline image limit, producer
 * settings that keep exactly-once). Load it with {@link TriageConfigLoader}; pass its parts to
 * the components that need them.
 */
public record TriageConfig(KafkaSettings kafka, PipelineSettings pipeline, RegistrySettings registry,
                           TritonSettings triton, TopicSettings topics, PromptSettings prompts, LimitSettings limits,
                           HttpReferenceSettings httpReferences, DeidentificationSettings deidentification, ImagingSettings imaging,
                           InferenceSettings inference,
                           ObservabilitySettings observability) {

    private static final String MAX_REQUEST_SIZE = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
    private static final String MAX_POLL_INTERVAL = ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG;
    private static final String MAX_POLL_RECORDS = ConsumerConfig.MAX_POLL_RECORDS_CONFIG;
    private static final String TRANSACTION_TIMEOUT = ProducerConfig.TRANSACTION_TIMEOUT_CONFIG;
    /**
     * How long a stream thread may go between polls, and an exactly-once transaction stay open,
     * unless the operator says otherwise: long enough for blocking inference to ride out a Triton
     * restart (Streams' own transaction default of 10 s is not), and within the broker's default
     * {@code transaction.max.timeout.ms} of 15 minutes.
     */
    public static final Duration DEFAULT_STREAM_THREAD_PAUSE_WINDOW = Duration.ofMinutes(10);
    /**
     * Records Streams buffers per input partition before it stops fetching it, unless the
     * operator says otherwise. Streams' default of 1,000 holds 1,000 images per partition: with a
     * backlog of 25 KB images that filled a 256 MiB heap. Inference, not reading, is the
     * bottleneck, so a few records per partition keep every in-flight window full.
     */
    public static final int DEFAULT_BUFFERED_RECORDS_PER_PARTITION = 16;
    /**
     * Records one poll of a stream thread returns, unless the operator says otherwise: all of
     * them are queued at once, whatever the buffer limit above, so Streams' default of 1,000 is
     * 1,000 more images in the heap per thread.
     */
    public static final int DEFAULT_MAX_POLL_RECORDS = 32;

    public TriageConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(triton, "triton");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(httpReferences, "httpReferences");
        Objects.requireNonNull(deidentification, "deidentification");
        Objects.requireNonNull(imaging, "imaging");
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(observability, "observability");
        // The checks between Kafka, topics and limits are the client configuration's.
        new TriageClientConfig(kafka, registry, topics, limits);
        if (pipeline.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE_V2) {
            requireExactlyOnceProducer(kafka);
        }
        httpReferences.requireSchemesAllowedBy(limits);
        requireReferenceTimeoutWithinRetryBudget(httpReferences, checkedRetryBudget(kafka, triton, inference,
                httpReferences));
    }

    /** The defaults around the three settings that have none. */
    public static TriageConfig defaults(String bootstrapServers, String registryUrl, String tritonTarget) {
        return new TriageConfig(KafkaSettings.of(bootstrapServers), PipelineSettings.defaults(),
                RegistrySettings.forUrl(registryUrl), TritonSettings.defaults(tritonTarget), TopicSettings.defaults(),
                PromptSettings.shipped(), LimitSettings.defaults(), HttpReferenceSettings.defaults(),
                DeidentificationSettings.defaults(),
                ImagingSettings.defaults(), InferenceSettings.defaults(),
                ObservabilitySettings.defaults());
    }

    /** Builds every part from merged values; {@link TriageConfigLoader} adds files, environment and unknown-key checks. */
    public static TriageConfig from(ConfigValues values) {
        return new TriageConfig(
                KafkaSettings.from(values),
                PipelineSettings.from(values),
                RegistrySettings.from(values),
                TritonSettings.from(values),
                TopicSettings.from(values),
                PromptSettings.from(values),
                LimitSettings.from(values),
                HttpReferenceSettings.from(values),
                DeidentificationSettings.from(values),
                ImagingSettings.from(values),
                InferenceSettings.from(values),
                ObservabilitySettings.from(values));
    }

    /** {@code triage.properties} with environment overrides; see {@link TriageConfigLoader#load(Path, Map)}. */
    public static TriageConfig load(Path file, Map<String, String> environment) {
        return TriageConfigLoader.load(file, environment);
    }

    /**
     * For {@code new KafkaStreams(topology, ...)}: the {@code kafka.} settings, the pipeline's
     * application id and processing guarantee, and producers that accept the largest event.
     */
    public Map<String, Object> streamsConfig() {
        Map<String, Object> config = kafka.forStreams();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.applicationId());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, pipeline.processingGuarantee().configValue());
        if (kafka.effective(KafkaClientType.PRODUCER, MAX_REQUEST_SIZE).isEmpty()) {
            config.put(StreamsConfig.producerPrefix(MAX_REQUEST_SIZE), topics.maxMessageBytes());
        }
        if (kafka.effective(KafkaClientType.CONSUMER, MAX_POLL_INTERVAL).isEmpty()) {
            config.put(StreamsConfig.mainConsumerPrefix(MAX_POLL_INTERVAL), (int) DEFAULT_STREAM_THREAD_PAUSE_WINDOW.toMillis());
        }
        if (kafka.effective(KafkaClientType.PRODUCER, TRANSACTION_TIMEOUT).isEmpty()) {
            config.put(StreamsConfig.producerPrefix(TRANSACTION_TIMEOUT), (int) DEFAULT_STREAM_THREAD_PAUSE_WINDOW.toMillis());
        }
        config.putIfAbsent(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, DEFAULT_BUFFERED_RECORDS_PER_PARTITION);
        if (kafka.effective(KafkaClientType.CONSUMER, MAX_POLL_RECORDS).isEmpty()) {
            config.put(StreamsConfig.mainConsumerPrefix(MAX_POLL_RECORDS), DEFAULT_MAX_POLL_RECORDS);
        }
        // The pipeline has no global stores; opting in to Kafka 5.0's default only ends the
        // start-up warning that says it is coming.
        config.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return config;
    }

    /**
     * How long a step may pause its stream thread retrying a transient failure: half the smaller
     * of the poll interval and the transaction timeout (the other half is for the records before
     * it in the same poll), less the longest attempt (an inference deadline or a reference fetch's
     * timeout) that may run past it; never below one maximum backoff.
     */
    public Duration streamThreadRetryBudget() {
        return retryBudget(kafka, triton, inference, httpReferences);
    }

    /** {@link #streamThreadRetryBudget()} from the parts, for the constructor's checks. */
    private static Duration retryBudget(KafkaSettings kafka, TritonSettings triton, InferenceSettings inference,
                                        HttpReferenceSettings httpReferences) {
        // The loop checks its budget between attempts, so the last attempt, the longest of an
        // inference call and a reference fetch, may run past it: it is taken off the budget.
        Duration longestAttempt = triton.deadlines().infer().compareTo(httpReferences.timeout()) >= 0
                ? triton.deadlines().infer() : httpReferences.timeout();
        Duration budget = Duration.ofMillis(window(kafka) / 2).minus(longestAttempt);
        return budget.compareTo(inference.retryMaxBackoff()) < 0 ? inference.retryMaxBackoff() : budget;
    }

    private static long window(KafkaSettings kafka) {
        return Math.min(
                millis(kafka.effective(KafkaClientType.CONSUMER, MAX_POLL_INTERVAL)),
                millis(kafka.effective(KafkaClientType.PRODUCER, TRANSACTION_TIMEOUT)));
    }

    private static Duration checkedRetryBudget(KafkaSettings kafka, TritonSettings triton,
            InferenceSettings inference, HttpReferenceSettings httpReferences) {
        try {
            return retryBudget(kafka, triton, inference, httpReferences);
        } catch (NumberFormatException e) {
            List<String> keys = List.of(KafkaSettings.prefixed(MAX_POLL_INTERVAL),
                    KafkaSettings.prefixed(TRANSACTION_TIMEOUT));
            throw new TriageConfigException(keys, String.join(" and ", keys)
                    + " (and their consumer and producer prefixed forms) must be whole numbers");
        }
    }

    /**
     * The budget already leaves room for one reference fetch past it; a timeout longer than what is
     * left would let one record's retries take most of the poll interval, with the records before it
     * in the same poll owning the other half.
     */
    private static void requireReferenceTimeoutWithinRetryBudget(HttpReferenceSettings httpReferences,
            Duration budget) {
        if (httpReferences.timeout().compareTo(budget) > 0) {
            throw new TriageConfigException(List.of(ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS,
                    KafkaSettings.prefixed(MAX_POLL_INTERVAL)), ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS + " ("
                    + httpReferences.timeout().toMillis() + ") must not exceed the stream thread's retry budget ("
                    + budget.toMillis() + " ms: half the smaller of " + KafkaSettings.prefixed(MAX_POLL_INTERVAL)
                    + " and " + KafkaSettings.prefixed(TRANSACTION_TIMEOUT) + ", less the longer of "
                    + ConfigKeys.TRITON_DEADLINE_MS + " and " + ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS + ")");
        }
    }

    private static long millis(Optional<String> configured) {
        return configured.map(value -> Long.parseLong(value.trim()))
                .orElse(DEFAULT_STREAM_THREAD_PAUSE_WINDOW.toMillis());
    }

    /**
     * Brokers, registry, topics and limits: what the plain clients of the pipeline's topics (the
     * feed, reviewers) need, without Triton.
     */
    public TriageClientConfig clientConfig() {
        return new TriageClientConfig(kafka, registry, topics, limits);
    }

    /** For a plain producer (the feed): sized for the largest record the image topics accept. */
    public Map<String, Object> producerConfig() {
        return clientConfig().producerConfig();
    }

    /** For a plain consumer (reviewers): reads committed records only, never drafts of aborted transactions. */
    public Map<String, Object> consumerConfig() {
        return clientConfig().consumerConfig();
    }

    /** For {@code Admin.create}, e.g. for {@link TopicProvisioner}. */
    public Map<String, Object> adminConfig() {
        return clientConfig().adminConfig();
    }

    /** For the Avro serdes' {@code configure}: Confluent's names. */
    public Map<String, Object> serdeConfig() {
        return clientConfig().serdeConfig();
    }

    /** What MedGemma is asked to generate: {@code triton.max.new.tokens} if set, else the catalog's. */
    public GenerationParameters generation(PromptCatalog catalog) {
        return triton.model().generation(catalog.generation());
    }

    /** Streams refuses these too, but naming Kafka's key; here the message names ours. */
    private static void requireExactlyOnceProducer(KafkaSettings kafka) {
        setKey(kafka, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)
                .filter(key -> kafka.properties().get(key).trim().equalsIgnoreCase("false"))
                .ifPresent(key -> {
                    throw new TriageConfigException(List.of(KafkaSettings.prefixed(key),
                            ConfigKeys.PIPELINE_PROCESSING_GUARANTEE), KafkaSettings.prefixed(key)
                            + "=false contradicts " + ConfigKeys.PIPELINE_PROCESSING_GUARANTEE
                            + "=exactly_once_v2, which needs idempotent producers");
                });
        setKey(kafka, ProducerConfig.ACKS_CONFIG)
                .filter(key -> !List.of("all", "-1").contains(kafka.properties().get(key).trim().toLowerCase(Locale.ROOT)))
                .ifPresent(key -> {
                    throw new TriageConfigException(List.of(KafkaSettings.prefixed(key),
                            ConfigKeys.PIPELINE_PROCESSING_GUARANTEE), KafkaSettings.prefixed(key)
                            + " must be all (or unset) when " + ConfigKeys.PIPELINE_PROCESSING_GUARANTEE
                            + " is exactly_once_v2");
                });
    }

    private static Optional<String> setKey(KafkaSettings kafka, String producerSetting) {
        return TriageClientConfig.producerSettingKey(kafka, producerSetting);
    }
}
