package org.imagingtriage.topology.config;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.imagingtriage.schemas.registry.RegistryClientConfig;
import org.imagingtriage.schemas.serde.AvroSerdeConfig;

/**
 * The {@code registry.} section, held under the serde's Confluent names ({@code registry.url} is
 * {@code schema.registry.url}, every other {@code registry.X} is {@code X}), so the serde and
 * Confluent's own serializers read it unchanged. Validation is the serde's own, with its messages
 * translated to this file's keys.
 *
 * @param confluentConfigs the serde settings by Confluent name, defaults filled in
 */
public record RegistrySettings(Map<String, String> confluentConfigs) {

    /** Our key (without {@code registry.}) to the serde's name; the serde reads nothing else from us. */
    private static final Map<String, String> CONFLUENT_NAMES = confluentNames();
    private static final Map<String, String> OUR_KEYS = CONFLUENT_NAMES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, e -> ConfigKeys.REGISTRY_PREFIX + e.getKey()));
    private static final Pattern CONFLUENT_NAME = Pattern.compile(OUR_KEYS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|", "(?<![\\w.])(", ")(?![\\w.])")));

    public RegistrySettings {
        Objects.requireNonNull(confluentConfigs, "confluentConfigs");
        Map<String, String> sorted = new TreeMap<>();
        confluentConfigs.forEach((name, value) -> {
            if (!OUR_KEYS.containsKey(name)) {
                throw new TriageConfigException(ConfigKeys.REGISTRY_PREFIX + name,
                        "the schema registry serde has no setting " + name);
            }
            sorted.put(name, Objects.requireNonNull(value, name));
        });
        if (!sorted.containsKey(RegistryClientConfig.URL)) {
            throw new TriageConfigException(ConfigKeys.REGISTRY_URL,
                    ConfigKeys.REGISTRY_URL + " is required: " + ConfigKey.howToSet(ConfigKeys.REGISTRY_URL));
        }
        try {
            AvroSerdeConfig.fromConfluentConfigs(sorted);
        } catch (ConfigException e) {
            throw translated(e);
        }
        confluentConfigs = Collections.unmodifiableMap(sorted);
    }

    /** One registry with every other setting at its default. */
    public static RegistrySettings forUrl(String url) {
        return from(ConfigValues.of(Map.of(ConfigKeys.REGISTRY_URL, url)));
    }

    public static RegistrySettings from(ConfigValues values) {
        Map<String, String> configs = new LinkedHashMap<>();
        CONFLUENT_NAMES.forEach((ourName, confluentName) -> {
            String key = ConfigKeys.REGISTRY_PREFIX + ourName;
            ConfigKey documented = ConfigKeys.find(key).orElseThrow();
            values.string(key).or(documented::defaultValue).ifPresent(value -> configs.put(confluentName, value));
        });
        return new RegistrySettings(configs);
    }

    /** For {@code Serde.configure}: the serde's settings by Confluent name. */
    public Map<String, Object> serdeConfig() {
        return new HashMap<>(confluentConfigs);
    }

    public AvroSerdeConfig avroSerdeConfig() {
        return AvroSerdeConfig.fromConfluentConfigs(confluentConfigs);
    }

    public RegistryClientConfig clientConfig() {
        return RegistryClientConfig.fromConfluentConfigs(confluentConfigs);
    }

    /** The registry URLs without user info, which may hold a password. */
    @Override
    public String toString() {
        String urls = clientConfig().urls().stream()
                .map(RegistryClientConfig::withoutUserInfo)
                .collect(Collectors.joining(","));
        return confluentConfigs.entrySet().stream()
                .map(e -> e.getKey() + "=" + shown(e.getKey(), e.getValue(), urls))
                .collect(Collectors.joining(", ", "RegistrySettings[", "]"));
    }

    private static String shown(String name, String value, String urlsWithoutUserInfo) {
        return switch (name) {
            case RegistryClientConfig.URL -> urlsWithoutUserInfo;
            case RegistryClientConfig.USER_INFO -> "(hidden)";
            default -> value;
        };
    }

    private static TriageConfigException translated(ConfigException e) {
        String message = Objects.toString(e.getMessage(), "invalid schema registry settings");
        Matcher names = CONFLUENT_NAME.matcher(message);
        String key = names.find() ? OUR_KEYS.get(names.group(1)) : ConfigKeys.REGISTRY_URL;
        String translatedMessage = CONFLUENT_NAME.matcher(message)
                .replaceAll(match -> Matcher.quoteReplacement(OUR_KEYS.get(match.group(1))));
        return new TriageConfigException(key, translatedMessage);
    }

    private static Map<String, String> confluentNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            if (key.name().startsWith(ConfigKeys.REGISTRY_PREFIX)) {
                String ourName = key.name().substring(ConfigKeys.REGISTRY_PREFIX.length());
                names.put(ourName, ourName.equals("url") ? RegistryClientConfig.URL : ourName);
            }
        }
        return Collections.unmodifiableMap(names);
    }
}
