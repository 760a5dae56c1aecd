package org.imagingtriage.topology.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code triage.properties} (Java properties, UTF-8), applies {@code TRIAGE_*} environment
 * overrides, refuses unknown keys and builds the validated {@link TriageConfig}. Every failure is
 * a {@link TriageConfigException} naming the key and where it was set; values are never logged
 * or quoted, since any of them may be a credential.
 */
public final class TriageConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TriageConfigLoader.class);

    /** The environment variable that names the configuration file for {@link #fromEnvironment(Map)}. */
    public static final String CONFIG_FILE_VARIABLE = EnvironmentOverrides.CONFIG_FILE_VARIABLE;

    private static final String COMMAND_LINE_ORIGIN = "the command line";

    private TriageConfigLoader() {
    }

    /** The file, then the environment on top (pass {@code System.getenv()}). */
    public static TriageConfig load(Path file, Map<String, String> environment) {
        return load(ConfigSources.environment(environment).withFile(file));
    }

    /** The file named by {@code TRIAGE_CONFIG_FILE} if set, else the environment alone (containers). */
    public static TriageConfig fromEnvironment(Map<String, String> environment) {
        return load(ConfigSources.environment(environment));
    }

    /** Key/value pairs as a file would give them (tests, embedding), then the environment on top. */
    public static TriageConfig fromProperties(Map<String, String> properties, Map<String, String> environment) {
        return build(properties, "the given properties", environment, Map.of(), TriageConfigLoader::pipelineConfig);
    }

    /** The whole pipeline configuration, as {@code triage run} needs it: Triton included. */
    public static TriageConfig load(ConfigSources sources) {
        return build(sources, TriageConfigLoader::pipelineConfig);
    }

    /**
     * Only what plain clients of the topics need ({@code triage feed}, {@code triage review}):
     * Kafka, registry, topics and limits, each validated as for the pipeline. The other sections
     * ({@code triton.}, {@code pipeline.}, {@code inference.}...) may be absent; their keys, when
     * present, must still be known keys, so one {@code triage.properties} serves every command and
     * a misspelt key is still reported, but their values are left to the commands that use them.
     */
    public static TriageClientConfig loadClient(ConfigSources sources) {
        return build(sources, TriageClientConfig::from);
    }

    /** The client configuration and the Orthanc feed's section, for {@code triage feed orthanc}. */
    public static TriageFeedConfig loadOrthancFeed(ConfigSources sources, Optional<String> urlOverride) {
        return build(sources, values -> new TriageFeedConfig(TriageClientConfig.from(values),
                OrthancFeedSettings.from(values, urlOverride)));
    }

    /**
     * Only the imaging sections ({@code limits.}, {@code references.}, {@code deidentification.},
     * {@code imaging.}), for {@code triage preprocess}; other keys, when present, must still be
     * known keys.
     */
    public static ImagingConfig loadImaging(ConfigSources sources) {
        return build(sources, ImagingConfig::from);
    }

    /** Key/value pairs as a file would give them, then the environment, for plain clients (tests, embedding). */
    public static TriageClientConfig clientFromProperties(Map<String, String> properties,
                                                          Map<String, String> environment) {
        return build(properties, "the given properties", environment, Map.of(), TriageClientConfig::from);
    }

    /** The Orthanc feed's configuration from key/value pairs as a file would give them (tests, embedding). */
    public static TriageFeedConfig orthancFeedFromProperties(Map<String, String> properties,
                                                             Map<String, String> environment) {
        return build(properties, "the given properties", environment, Map.of(), values -> new TriageFeedConfig(
                TriageClientConfig.from(values), OrthancFeedSettings.from(values, Optional.empty())));
    }

    private static TriageConfig pipelineConfig(ConfigValues values) {
        TriageConfig triage = TriageConfig.from(values);
        triage.prompts().loadCatalog();
        return triage;
    }

    private static <T> T build(ConfigSources sources, Function<ConfigValues, T> assemble) {
        Optional<Path> file = sources.effectiveFile();
        Map<String, String> fileValues = file.map(TriageConfigLoader::readFile).orElse(Map.of());
        String fileOrigin = file.map(path -> "file " + path).orElse("the environment only");
        return build(fileValues, fileOrigin, sources.environment(), sources.commandLine(), assemble);
    }

    private static <T> T build(Map<String, String> fileValues, String fileOrigin, Map<String, String> environment,
                               Map<String, String> commandLine, Function<ConfigValues, T> assemble) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        fileValues.forEach((key, value) -> {
            values.put(key.trim(), value);
            origins.put(key.trim(), fileOrigin);
        });
        Map<String, EnvironmentOverrides.Override> overrides = EnvironmentOverrides.read(environment);
        overrides.forEach((key, override) -> {
            values.put(key, override.value());
            origins.put(key, "environment variable " + override.variable());
        });
        commandLine.forEach((key, value) -> {
            values.put(key.trim(), value);
            origins.put(key.trim(), COMMAND_LINE_ORIGIN);
        });

        refuseUnknownKeys(values.keySet(), origins);
        ConfigValues config = ConfigValues.of(values);
        warnAboutUnrecognizedKafkaSettings(config);
        T assembled;
        try {
            assembled = assemble.apply(config);
        } catch (TriageConfigException e) {
            throw withOrigin(e, origins);
        }
        // Key names only: values may be credentials.
        LOG.info("Configuration loaded from {}: {} keys set, overridden by the environment: {}, by the command "
                        + "line: {}", fileOrigin, config.keys().size(), overrides.isEmpty() ? "none" : overrides.keySet(),
                commandLine.isEmpty() ? "none" : new TreeMap<>(commandLine).keySet());
        return assembled;
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TriageConfigException(List.of(), "configuration file " + file + " does not exist or is not a file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed unicode escape; only the exception type is reported.
            throw new TriageConfigException(List.of(), "configuration file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    private static void refuseUnknownKeys(Iterable<String> keys, Map<String, String> origins) {
        List<String> unknown = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> known = ConfigKeys.ALL.stream().map(ConfigKey::name).toList();
        for (String key : keys) {
            // kafka. is open: KafkaSettings checks its keys itself.
            if (!key.startsWith(ConfigKeys.KAFKA_PREFIX) && !ConfigKeys.isKnown(key)) {
                unknown.add(key);
                String closest = ClosestKey.among(key, known).orElseThrow();
                lines.add("unknown configuration key " + key + " (" + origins.get(key) + "); the closest known key is "
                        + closest + " (environment variable " + ConfigKey.environmentVariable(closest) + ")");
            }
        }
        if (!unknown.isEmpty()) {
            throw new TriageConfigException(unknown, String.join("\n", lines));
        }
    }

    private static void warnAboutUnrecognizedKafkaSettings(ConfigValues config) {
        List<String> keys = config.withPrefix(ConfigKeys.KAFKA_PREFIX).keySet().stream()
                .filter(key -> !key.isEmpty() && !KafkaConfigNames.isKnown(key))
                .map(KafkaSettings::prefixed)
                .toList();
        for (String key : keys) {
            LOG.warn("{} is not a setting of any Kafka client or of Kafka Streams (closest: {}); passed through "
                    + "all the same, for plugins that read their own settings", key,
                    KafkaSettings.closestKnown(key).orElse("none"));
        }
    }

    private static TriageConfigException withOrigin(TriageConfigException e, Map<String, String> origins) {
        String where = e.keys().stream()
                .filter(origins::containsKey)
                .map(key -> key + " from " + origins.get(key))
                .collect(Collectors.joining(", "));
        if (where.isEmpty()) {
            return e;
        }
        TriageConfigException located = new TriageConfigException(e.keys(), e.getMessage() + " [" + where + "]");
        located.setStackTrace(e.getStackTrace());
        return located;
    }
}
