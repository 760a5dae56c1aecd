package org.imagingtriage.topology.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one configuration comes from, each source overriding the one before: a properties file
 * (if any), the {@code TRIAGE_*} environment, then values given on the command line (such as
 * {@code triage review --bootstrap-server}), which an operator types for this one run and so
 * win over both.
 *
 * @param file the properties file; empty to use the one {@code TRIAGE_CONFIG_FILE} names, or none
 * @param environment the process environment ({@code System.getenv()})
 * @param commandLine configuration keys set by command-line options, e.g. {@code kafka.bootstrap.servers}
 */
public record ConfigSources(Optional<Path> file, Map<String, String> environment, Map<String, String> commandLine) {

    public ConfigSources {
        Objects.requireNonNull(file, "file");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        commandLine = Map.copyOf(Objects.requireNonNull(commandLine, "commandLine"));
    }

    /** The environment alone, and the file it names in {@code TRIAGE_CONFIG_FILE} if any. */
    public static ConfigSources environment(Map<String, String> environment) {
        return new ConfigSources(Optional.empty(), environment, Map.of());
    }

    public ConfigSources withFile(Path file) {
        return new ConfigSources(Optional.of(file), environment, commandLine);
    }

    public ConfigSources withCommandLine(Map<String, String> values) {
        return new ConfigSources(file, environment, values);
    }

    /** The file to read: the given one, else {@code TRIAGE_CONFIG_FILE}'s, else none. */
    Optional<Path> effectiveFile() {
        if (file.isPresent()) {
            return file;
        }
        String named = environment.get(EnvironmentOverrides.CONFIG_FILE_VARIABLE);
        return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named.trim()));
    }
}
