package org.imagingtriage.devstack.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.imagingtriage.devstack.BuildLayout;

/**
 * How to start an Apicurio Registry process. Every value is checked here, so that a bad
 * setting fails at once with its name rather than as a registry that never becomes ready.
 *
 * @param home             the unpacked distribution: the directory holding {@code quarkus-run.jar}
 * @param javaHome         a Java 21+ home to run it on
 * @param httpPort         the REST API port on 127.0.0.1; 0 picks a free one at start
 * @param managementPort   the health/metrics port on 127.0.0.1; 0 picks a free one at start
 * @param startTimeout     how long start-up may take until both readiness URLs answer 200
 * @param maxHeap          the child's maximum heap in {@code -Xmx} notation, e.g. {@code 512m}
 * @param systemProperties further {@code -D} settings; they win over devstack's defaults
 */
public record ApicurioRegistryConfig(
        Path home,
        Path javaHome,
        int httpPort,
        int managementPort,
        Duration startTimeout,
        String maxHeap,
        Map<String, String> systemProperties) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_MAX_HEAP = "512m";

    /** The runner jar of a Quarkus fast-jar distribution. */
    static final String RUNNER_JAR = "quarkus-run.jar";

    // Binding and ports are what start-up, readiness polling and the URLs rely on, so they are
    // not open to override through systemProperties.
    static final Set<String> RESERVED_PROPERTIES = Set.of(
            "quarkus.http.host", "quarkus.http.port", "quarkus.management.host", "quarkus.management.port");

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9]\\d*[kKmMgG]?");
    private static final Duration LONGEST_START_TIMEOUT = Duration.ofMinutes(10);

    public ApicurioRegistryConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(maxHeap, "maxHeap");
        Objects.requireNonNull(systemProperties, "systemProperties");
        if (!Files.isRegularFile(home.resolve(RUNNER_JAR))) {
            throw new IllegalArgumentException("home " + home + " has no " + RUNNER_JAR
                    + ": build devstack with Maven so that it unpacks Apicurio Registry there, or set "
                    + BuildLayout.APICURIO_HOME_ENV + " to an unpacked apicurio-registry-app distribution");
        }
        if (!Files.isExecutable(javaHome.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("javaHome " + javaHome + " has no executable bin/java");
        }
        requirePort("httpPort", httpPort);
        requirePort("managementPort", managementPort);
        if (httpPort != 0 && httpPort == managementPort) {
            throw new IllegalArgumentException("httpPort and managementPort are both " + httpPort
                    + ": the registry serves them on separate listeners");
        }
        if (startTimeout.isNegative() || startTimeout.isZero() || startTimeout.compareTo(LONGEST_START_TIMEOUT) > 0) {
            throw new IllegalArgumentException("startTimeout " + startTimeout + " must be positive and at most "
                    + LONGEST_START_TIMEOUT);
        }
        if (!HEAP_SIZE.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("maxHeap \"" + maxHeap
                    + "\" is not a heap size as -Xmx takes it, e.g. 512m or 1g");
        }
        systemProperties = Map.copyOf(requireProperties(systemProperties));
    }

    /**
     * The registry of this build ({@link BuildLayout}) on the runtime {@link JavaRuntimes}
     * finds, on free ports, with the default timeout and heap.
     *
     * @throws IllegalStateException when no Java 21+ runtime is available, saying how to get one
     */
    public static ApicurioRegistryConfig defaults() {
        return new ApicurioRegistryConfig(
                BuildLayout.fromBuild().apicurioHome(),
                JavaRuntimes.ofThisMachine().requireRegistryRuntime().home(),
                0,
                0,
                DEFAULT_START_TIMEOUT,
                DEFAULT_MAX_HEAP,
                Map.of());
    }

    public ApicurioRegistryConfig withPorts(int newHttpPort, int newManagementPort) {
        return new ApicurioRegistryConfig(home, javaHome, newHttpPort, newManagementPort, startTimeout, maxHeap,
                systemProperties);
    }

    public ApicurioRegistryConfig withStartTimeout(Duration newStartTimeout) {
        return new ApicurioRegistryConfig(home, javaHome, httpPort, managementPort, newStartTimeout, maxHeap,
                systemProperties);
    }

    public ApicurioRegistryConfig withMaxHeap(String newMaxHeap) {
        return new ApicurioRegistryConfig(home, javaHome, httpPort, managementPort, startTimeout, newMaxHeap,
                systemProperties);
    }

    /** This config with one more {@code -D} setting, replacing any earlier value of that name. */
    public ApicurioRegistryConfig withSystemProperty(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(systemProperties);
        more.put(name, value);
        return new ApicurioRegistryConfig(home, javaHome, httpPort, managementPort, startTimeout, maxHeap, more);
    }

    /**
     * Whether start-up chooses both ports itself. Only then may it choose again after a bind
     * failure: with a fixed port, the taken one may well be that port, which no retry frees.
     */
    boolean choosesEveryPort() {
        return httpPort == 0 && managementPort == 0;
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " " + port + " is not a TCP port (0 picks a free one)");
        }
    }

    private static Map<String, String> requireProperties(Map<String, String> properties) {
        properties.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("systemProperties has a blank name");
            }
            if (value == null) {
                throw new IllegalArgumentException("systemProperties has no value for " + name);
            }
            if (RESERVED_PROPERTIES.contains(name)) {
                throw new IllegalArgumentException("systemProperties may not set " + name
                        + ": the registry always binds 127.0.0.1, on the ports given as httpPort and managementPort");
            }
        });
        return properties;
    }
}
