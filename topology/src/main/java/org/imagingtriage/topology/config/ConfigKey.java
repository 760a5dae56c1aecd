package org.imagingtriage.topology.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of {@code triage.properties}.
 *
 * @param name the key, e.g. {@code triton.target}
 * @param defaultValue the value used when the key is unset, as it would be written in the file;
 *     empty for required keys and for optional ones whose absence means something (no TLS file,
 *     the catalog's token limit)
 * @param required start-up fails without it
 */
public record ConfigKey(String name, Optional<String> defaultValue, boolean required) {

    public static final String ENV_PREFIX = "TRIAGE_";

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException(name + " cannot be both required and defaulted");
        }
    }

    static ConfigKey required(String name) {
        return new ConfigKey(name, Optional.empty(), true);
    }

    static ConfigKey optional(String name) {
        return new ConfigKey(name, Optional.empty(), false);
    }

    static ConfigKey withDefault(String name, Object defaultValue) {
        return new ConfigKey(name, Optional.of(defaultValue.toString()), false);
    }

    /** The environment variable overriding this key: {@code TRIAGE_} + upper case, dots to underscores. */
    public String environmentVariable() {
        return environmentVariable(name);
    }

    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** How to set a key, for messages: both ways, file and environment. */
    public static String howToSet(String key) {
        return "set " + key + " in the configuration file or the environment variable "
                + environmentVariable(key);
    }
}
