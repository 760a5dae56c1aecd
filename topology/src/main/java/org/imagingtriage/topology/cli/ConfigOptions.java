package org.imagingtriage.topology.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imagingtriage.topology.config.ConfigKeys;
import org.imagingtriage.topology.config.ConfigSources;
import org.imagingtriage.topology.config.ImagingConfig;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.config.TriageConfigException;
import org.imagingtriage.topology.config.TriageConfigLoader;
import picocli.CommandLine.Option;

/**
 * The configuration options every {@code triage} command shares (a picocli mixin): the file,
 * then {@code TRIAGE_*} environment variables, then these options, each overriding the last.
 */
final class ConfigOptions {

    private static final Map<String, String> OPTION_BY_KEY = Map.of(
            ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, "--bootstrap-server",
            ConfigKeys.REGISTRY_URL, "--registry-url");

    @Option(names = "--config", paramLabel = "FILE", order = 100,
            description = {"triage.properties to read. Default: the file TRIAGE_CONFIG_FILE names, else none.",
                    "TRIAGE_* environment variables override it (TRIAGE_KAFKA_BOOTSTRAP_SERVERS sets "
                            + "kafka.bootstrap.servers)."})
    Path file;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]", order = 101,
            description = "Kafka brokers; overrides kafka.bootstrap.servers.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL", order = 102,
            description = "Schema registry (Apicurio: http://host:port/apis/ccompat/v7); overrides registry.url.")
    String registryUrl;

    /** Where the configuration comes from; {@code triage run} loads the whole configuration from these. */
    ConfigSources sources(Map<String, String> environment) {
        ConfigSources sources = ConfigSources.environment(environment).withCommandLine(commandLineValues());
        return file == null ? sources : sources.withFile(file);
    }

    /** Kafka, registry, topics and limits: all {@code feed} and {@code review} need (no Triton). */
    TriageClientConfig loadClient(Map<String, String> environment) {
        try {
            return TriageConfigLoader.loadClient(sources(environment));
        } catch (TriageConfigException e) {
            throw withOptionHint(e);
        }
    }

    /** The imaging sections only (limits, references, de-identification, imaging), as {@code triage preprocess} has them. */
    ImagingConfig loadImaging(Map<String, String> environment) {
        try {
            return TriageConfigLoader.loadImaging(sources(environment));
        } catch (TriageConfigException e) {
            throw withOptionHint(e);
        }
    }

    /** A required key that an option also sets: say so, since the operator is at the command line. */
    static TriageConfigException withOptionHint(TriageConfigException e) {
        String option = e.keys().isEmpty() ? null : OPTION_BY_KEY.get(e.keys().get(0));
        if (option == null || !e.getMessage().contains(" is required")) {
            return e;
        }
        return new TriageConfigException(e.keys(), e.getMessage() + " (or the option " + option + ")");
    }

    private Map<String, String> commandLineValues() {
        Map<String, String> values = new LinkedHashMap<>();
        if (bootstrapServers != null) {
            values.put(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (registryUrl != null) {
            values.put(ConfigKeys.REGISTRY_URL, registryUrl);
        }
        return values;
    }
}
