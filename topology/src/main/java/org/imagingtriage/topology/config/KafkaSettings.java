package org.imagingtriage.topology.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code kafka.} section: settings passed to every Kafka client and to Kafka Streams with the
 * prefix removed ({@code kafka.security.protocol} becomes {@code security.protocol}). Streams'
 * own prefixes work as in Streams: {@code kafka.producer.acks} reaches producers only.
 *
 * @param properties the settings without the {@code kafka.} prefix
 */
public record KafkaSettings(Map<String, String> properties) {

    private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    public KafkaSettings {
        Objects.requireNonNull(properties, "properties");
        Map<String, String> sorted = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                throw new TriageConfigException(ConfigKeys.KAFKA_PREFIX, ConfigKeys.KAFKA_PREFIX
                        + " must be followed by a Kafka setting name, e.g. " + ConfigKeys.KAFKA_BOOTSTRAP_SERVERS);
            }
            if (value == null || value.isBlank()) {
                throw new TriageConfigException(prefixed(key), prefixed(key) + " must not be blank");
            }
            OwnedKafkaSettings.refusal(key).ifPresent(reason -> {
                throw new TriageConfigException(prefixed(key),
                        prefixed(key) + " is owned by the pipeline and may not be set: " + reason);
            });
            sorted.put(key, value);
        });
        if (!sorted.containsKey(BOOTSTRAP_SERVERS)) {
            throw new TriageConfigException(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS,
                    ConfigKeys.KAFKA_BOOTSTRAP_SERVERS + " is required: "
                            + ConfigKey.howToSet(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS));
        }
        properties = Collections.unmodifiableMap(sorted);
    }

    /** Only the brokers: plaintext, no authentication. */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(Map.of(BOOTSTRAP_SERVERS, bootstrapServers));
    }

    public static KafkaSettings from(ConfigValues values) {
        return new KafkaSettings(values.withPrefix(ConfigKeys.KAFKA_PREFIX));
    }

    public String bootstrapServers() {
        return properties.get(BOOTSTRAP_SERVERS);
    }

    /** The value a client of this type gets for {@code setting}: the prefixed form wins, as in Streams. */
    public Optional<String> effective(KafkaClientType type, String setting) {
        return Optional.ofNullable(properties.get(type.streamsPrefix() + setting))
                .or(() -> Optional.ofNullable(properties.get(setting)));
    }

    /** Everything, as Kafka Streams reads it (it resolves its prefixes itself). */
    public Map<String, Object> forStreams() {
        return new HashMap<>(properties);
    }

    /**
     * The settings for one plain client: unprefixed settings this client defines (and any Kafka
     * does not know, which may belong to a plugin), then this client's Streams-prefixed settings
     * on top. Settings only other clients or Streams understand are left out, so clients do not
     * warn about them.
     */
    public Map<String, Object> forClient(KafkaClientType type) {
        Map<String, Object> config = new HashMap<>();
        properties.forEach((key, value) -> {
            if (KafkaConfigNames.streamsPrefix(key).isEmpty()
                    && (type.defines(key) || !KafkaConfigNames.isKnown(key))) {
                config.put(key, value);
            }
        });
        properties.forEach((key, value) -> {
            if (key.startsWith(type.streamsPrefix())) {
                config.put(key.substring(type.streamsPrefix().length()), value);
            }
        });
        return config;
    }

    /**
     * Keys (with {@code kafka.}) that neither a Kafka client nor Streams defines: passed through
     * all the same, since plugins (login modules, callback handlers) read their own, but likely
     * typos worth a warning.
     */
    public List<String> unrecognizedKeys() {
        return properties.keySet().stream()
                .filter(key -> !KafkaConfigNames.isKnown(key))
                .map(KafkaSettings::prefixed)
                .toList();
    }

    /** The Kafka setting an unrecognized key was most likely meant to be, with {@code kafka.}. */
    public static Optional<String> closestKnown(String prefixedKey) {
        String key = prefixedKey.startsWith(ConfigKeys.KAFKA_PREFIX)
                ? prefixedKey.substring(ConfigKeys.KAFKA_PREFIX.length()) : prefixedKey;
        String prefix = KafkaConfigNames.streamsPrefix(key).orElse("");
        return ClosestKey.among(key.substring(prefix.length()), KafkaConfigNames.ALL)
                .map(closest -> ConfigKeys.KAFKA_PREFIX + prefix + closest);
    }

    /** Never shows a credential: sensitive values, and values of settings Kafka does not know, are hidden. */
    @Override
    public String toString() {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + (KafkaConfigNames.isSensitive(e.getKey()) ? "(hidden)" : e.getValue()))
                .collect(Collectors.joining(", ", "KafkaSettings[", "]"));
    }

    static String prefixed(String key) {
        return ConfigKeys.KAFKA_PREFIX + key;
    }
}
