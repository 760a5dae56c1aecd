package org.imagingtriage.topology.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps {@code TRIAGE_*} environment variables to configuration keys: the key upper-cased with
 * dots as underscores ({@code TRIAGE_TRITON_TARGET} sets {@code triton.target}). Kafka settings
 * contain no underscores, so every {@code TRIAGE_KAFKA_*} variable maps back unambiguously
 * ({@code TRIAGE_KAFKA_SASL_JAAS_CONFIG} sets {@code kafka.sasl.jaas.config}).
 */
final class EnvironmentOverrides {

    /** Where {@link TriageConfigLoader#fromEnvironment(Map)} finds the configuration file. */
    static final String CONFIG_FILE_VARIABLE = "TRIAGE_CONFIG_FILE";

    /**
     * {@code TRIAGE_} variables that are not configuration keys: the file's location and the
     * development tools' own settings, which may well be set in the same shell.
     */
    static final Set<String> NOT_KEYS = Set.of(
            CONFIG_FILE_VARIABLE,
            "TRIAGE_REGISTRY_JAVA_HOME",
            "TRIAGE_APICURIO_HOME",
            "TRIAGE_KAFKA_CLASSPATH_FILE",
            "TRIAGE_TRITON_MODEL_REPOSITORY");

    private static final String KAFKA_VARIABLE_PREFIX = ConfigKey.environmentVariable(ConfigKeys.KAFKA_PREFIX);
    private static final Map<String, String> KEY_BY_VARIABLE = ConfigKeys.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ConfigKey::environmentVariable, ConfigKey::name));

    private EnvironmentOverrides() {
    }

    /**
     * The keys the environment sets, each with the variable that set it, sorted by key. Variables
     * that match no known key still map to a key (so the loader reports it as unknown, with the
     * closest known one) rather than being ignored: a misspelt override must not go unnoticed.
     */
    static Map<String, Override> read(Map<String, String> environment) {
        Map<String, Override> overrides = new TreeMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith(ConfigKey.ENV_PREFIX) && !NOT_KEYS.contains(variable) && value != null) {
                overrides.put(keyOf(variable), new Override(variable, value));
            }
        });
        return overrides;
    }

    static String keyOf(String variable) {
        String known = KEY_BY_VARIABLE.get(variable);
        if (known != null) {
            return known;
        }
        Function<String, String> toKey = name -> name.toLowerCase(Locale.ROOT).replace('_', '.');
        if (variable.startsWith(KAFKA_VARIABLE_PREFIX)) {
            return ConfigKeys.KAFKA_PREFIX + toKey.apply(variable.substring(KAFKA_VARIABLE_PREFIX.length()));
        }
        return toKey.apply(variable.substring(ConfigKey.ENV_PREFIX.length()));
    }

    record Override(String variable, String value) {
    }
}
