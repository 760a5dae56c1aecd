package org.imagingtriage.topology.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The part of the configuration that plain Kafka clients of the pipeline's topics need: brokers,
 * schema registry, topic names and image limits. {@code triage feed} and {@code triage review}
 * run on this alone, so an operator can feed images or read drafts without a Triton endpoint;
 * {@link TriageConfig} contains one ({@link TriageConfig#clientConfig()}) and {@code triage run}
 * still requires everything. Load it with {@link TriageConfigLoader#loadClient(ConfigSources)}.
 *
 * <p>The checks here are the ones between these parts: topics and producers must fit the largest
 * inline image, or events the feed sends would be refused by the broker.
 */
public record TriageClientConfig(KafkaSettings kafka, RegistrySettings registry, TopicSettings topics,
                                 LimitSettings limits) {

    private static final String MAX_REQUEST_SIZE = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;

    public TriageClientConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(limits, "limits");
        requireTopicsFitInlineImages(topics, limits);
        requireProducerFitsInlineImages(kafka, limits);
    }

    /** Builds every part from merged values; {@link TriageConfigLoader} adds files, environment and unknown-key checks. */
    public static TriageClientConfig from(ConfigValues values) {
        return new TriageClientConfig(KafkaSettings.from(values), RegistrySettings.from(values),
                TopicSettings.from(values), LimitSettings.from(values));
    }

    /** For a plain producer (the feed): sized for the largest record the image topics accept. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = kafka.forClient(KafkaClientType.PRODUCER);
        config.putIfAbsent(MAX_REQUEST_SIZE, topics.maxMessageBytes());
        return config;
    }

    /** For a plain consumer (reviewers): reads committed records only, never drafts of aborted transactions. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = kafka.forClient(KafkaClientType.CONSUMER);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /**
     * For a reader of whole topics that keeps no position of its own (the review worklist, the
     * image index): partitions assigned by its caller, no group, nothing committed, from the
     * beginning, read_committed.
     */
    public Map<String, Object> wholeTopicReaderConfig() {
        Map<String, Object> config = consumerConfig();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** For {@code Admin.create}, e.g. for {@link TopicProvisioner}. */
    public Map<String, Object> adminConfig() {
        return kafka.forClient(KafkaClientType.ADMIN);
    }

    /** For the Avro serdes' {@code configure}: Confluent's names. */
    public Map<String, Object> serdeConfig() {
        return registry.serdeConfig();
    }

    /** The key (without {@code kafka.}) that sets a producer setting: the producer-prefixed form wins. */
    static Optional<String> producerSettingKey(KafkaSettings kafka, String producerSetting) {
        String prefixed = StreamsConfig.producerPrefix(producerSetting);
        if (kafka.properties().containsKey(prefixed)) {
            return Optional.of(prefixed);
        }
        return kafka.properties().containsKey(producerSetting) ? Optional.of(producerSetting) : Optional.empty();
    }

    private static void requireTopicsFitInlineImages(TopicSettings topics, LimitSettings limits) {
        if (topics.maxMessageBytes() < limits.maxEventRecordBytes()) {
            throw new TriageConfigException(
                    List.of(ConfigKeys.TOPICS_MAX_MESSAGE_BYTES, ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES),
                    ConfigKeys.TOPICS_MAX_MESSAGE_BYTES + " (" + topics.maxMessageBytes() + ") must be at least "
                            + ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES + " (" + limits.maxInlineImageBytes() + ") + "
                            + LimitSettings.ENVELOPE_HEADROOM_BYTES + " bytes for the record's envelope = "
                            + limits.maxEventRecordBytes() + ": raise the first or lower the second");
        }
    }

    private static void requireProducerFitsInlineImages(KafkaSettings kafka, LimitSettings limits) {
        Optional<String> key = producerSettingKey(kafka, MAX_REQUEST_SIZE);
        if (key.isEmpty()) {
            return;
        }
        long maxRequestSize;
        try {
            maxRequestSize = Long.parseLong(kafka.properties().get(key.get()));
        } catch (NumberFormatException e) {
            throw new TriageConfigException(KafkaSettings.prefixed(key.get()),
                    KafkaSettings.prefixed(key.get()) + " must be a whole number");
        }
        if (maxRequestSize < limits.maxEventRecordBytes()) {
            throw new TriageConfigException(
                    List.of(KafkaSettings.prefixed(key.get()), ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES),
                    KafkaSettings.prefixed(key.get()) + " (" + maxRequestSize + ") is below the "
                            + limits.maxEventRecordBytes() + " bytes an event with an inline image may need ("
                            + ConfigKeys.LIMITS_MAX_INLINE_IMAGE_BYTES + " + envelope): producers would refuse it;"
                            + " remove it to use " + ConfigKeys.TOPICS_MAX_MESSAGE_BYTES);
        }
    }
}
