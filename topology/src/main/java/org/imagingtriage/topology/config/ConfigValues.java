package org.imagingtriage.topology.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The merged key/value pairs of one configuration (file, then environment), read as typed values.
 * Values are trimmed and blank ones count as unset, so that {@code key=} in a file or an empty
 * environment variable falls back to the default. Parse errors name the key and the expected form,
 * never the value: any value may be a credential pasted into the wrong key.
 */
public final class ConfigValues {

    private final Map<String, String> values;

    public ConfigValues(Map<String, String> values) {
        Map<String, String> cleaned = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key != null && value != null && !value.trim().isEmpty()) {
                cleaned.put(key.trim(), value.trim());
            }
        });
        this.values = Map.copyOf(cleaned);
    }

    public static ConfigValues of(Map<String, String> values) {
        return new ConfigValues(values);
    }

    /** Every key that is set, sorted. */
    public List<String> keys() {
        return values.keySet().stream().sorted().toList();
    }

    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    public String required(String key) {
        return string(key).orElseThrow(() -> new TriageConfigException(key,
                key + " is required: " + ConfigKey.howToSet(key)));
    }

    public int integer(String key, int defaultValue) {
        return optionalInteger(key).orElse(defaultValue);
    }

    public OptionalInt optionalInteger(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text.get()));
        } catch (NumberFormatException e) {
            throw new TriageConfigException(key, key + " must be a whole number between "
                    + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
    }

    public long longValue(String key, long defaultValue) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw new TriageConfigException(key, key + " must be a whole number");
        }
    }

    public Duration millis(String key, long defaultMillis) {
        return Duration.ofMillis(longValue(key, defaultMillis));
    }

    public Optional<Duration> optionalMillis(String key) {
        return string(key).map(text -> Duration.ofMillis(longValue(key, 0)));
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new TriageConfigException(key, key + " must be true or false");
        };
    }

    public Optional<Boolean> optionalBool(String key) {
        return string(key).map(text -> bool(key, false));
    }

    public Optional<Path> path(String key) {
        return string(key).map(text -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new TriageConfigException(key, key + " is not a valid file path");
            }
        });
    }

    /** A comma-separated list, entries trimmed, empty entries dropped. */
    public List<String> list(String key, List<String> defaultValue) {
        return string(key)
                .map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    /**
     * One of a fixed set of values, compared case-insensitively. The message lists what is
     * allowed rather than repeating what was given.
     */
    public <E extends Enum<E>> E choice(String key, E defaultValue, Function<E, String> spelling) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        E[] constants = defaultValue.getDeclaringClass().getEnumConstants();
        for (E constant : constants) {
            if (spelling.apply(constant).equalsIgnoreCase(text.get())) {
                return constant;
            }
        }
        throw new TriageConfigException(key, key + " must be one of "
                + String.join(", ", Arrays.stream(constants).map(spelling).toList()));
    }

    /** Every key starting with {@code prefix}, with the prefix removed, in key order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> section = new LinkedHashMap<>();
        values.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> section.put(e.getKey().substring(prefix.length()), e.getValue()));
        return section;
    }
}
