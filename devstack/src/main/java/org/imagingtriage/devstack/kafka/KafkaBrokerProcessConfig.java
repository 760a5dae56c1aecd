package org.imagingtriage.devstack.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run a broker in a child JVM.
 *
 * @param broker          broker properties shared with {@link EmbeddedKafkaCluster}
 * @param parentDirectory where the broker's own data directory is created (and deleted on close)
 * @param startupTimeout  how long {@code start()} waits for the broker to answer an Admin client
 * @param shutdownTimeout how long {@code stop()} waits for a graceful exit, and {@code kill()} for
 *                        the process to be gone
 * @param jvmOptions      options for the child JVM, before the main class
 */
public record KafkaBrokerProcessConfig(BrokerSettings broker,
                                       Path parentDirectory,
                                       Duration startupTimeout,
                                       Duration shutdownTimeout,
                                       List<String> jvmOptions) {

    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** A small heap: one devstack broker holds little data, and CI machines have two cores. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m");

    public KafkaBrokerProcessConfig {
        Objects.requireNonNull(broker, "broker must not be null");
        Objects.requireNonNull(parentDirectory, "parentDirectory must not be null");
        requirePositive("startupTimeout", startupTimeout);
        requirePositive("shutdownTimeout", shutdownTimeout);
        Objects.requireNonNull(jvmOptions, "jvmOptions must not be null");
        for (String option : jvmOptions) {
            if (option == null || option.isBlank()) {
                throw new IllegalArgumentException("jvmOptions must not contain blank options but was " + jvmOptions);
            }
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive but was " + value);
        }
    }

    public static KafkaBrokerProcessConfig defaults() {
        return new KafkaBrokerProcessConfig(BrokerSettings.defaults(),
                Path.of(System.getProperty("java.io.tmpdir")),
                DEFAULT_STARTUP_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_JVM_OPTIONS);
    }

    public KafkaBrokerProcessConfig withBroker(BrokerSettings settings) {
        return new KafkaBrokerProcessConfig(settings, parentDirectory, startupTimeout, shutdownTimeout, jvmOptions);
    }

    public KafkaBrokerProcessConfig withBrokerProperty(String key, String value) {
        return withBroker(broker.withOverride(key, value));
    }

    public KafkaBrokerProcessConfig withParentDirectory(Path directory) {
        return new KafkaBrokerProcessConfig(broker, directory, startupTimeout, shutdownTimeout, jvmOptions);
    }

    public KafkaBrokerProcessConfig withStartupTimeout(Duration timeout) {
        return new KafkaBrokerProcessConfig(broker, parentDirectory, timeout, shutdownTimeout, jvmOptions);
    }

    public KafkaBrokerProcessConfig withShutdownTimeout(Duration timeout) {
        return new KafkaBrokerProcessConfig(broker, parentDirectory, startupTimeout, timeout, jvmOptions);
    }

    public KafkaBrokerProcessConfig withJvmOptions(List<String> options) {
        return new KafkaBrokerProcessConfig(broker, parentDirectory, startupTimeout, shutdownTimeout, options);
    }
}
