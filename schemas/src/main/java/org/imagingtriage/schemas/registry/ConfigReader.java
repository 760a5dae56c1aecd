package org.imagingtriage.schemas.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads typed values from a Kafka-style {@code Map<String, ?>} of client configs, accepting the
 * strings a properties file gives as well as typed values. A bad value is reported with its key,
 * never with the value itself (it may be a credential).
 */
public final class ConfigReader {

    private final Map<String, ?> configs;

    public ConfigReader(Map<String, ?> configs) {
        this.configs = Map.copyOf(configs.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The first of {@code keys} that is set, as a trimmed string. */
    public Optional<String> string(String... keys) {
        for (String key : keys) {
            Object value = configs.get(key);
            if (value != null) {
                String text = value.toString().trim();
                if (!text.isEmpty()) {
                    return Optional.of(text);
                }
            }
        }
        return Optional.empty();
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key + " must be true or false");
    }

    /** The first of {@code keys} that is set, as a long; {@code defaultValue} when none is. */
    public long number(long defaultValue, String... keys) {
        for (String key : keys) {
            Object value = configs.get(key);
            if (value == null) {
                continue;
            }
            if (value instanceof Number n) {
                return n.longValue();
            }
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key + " must be an integer");
            }
        }
        return defaultValue;
    }
}
