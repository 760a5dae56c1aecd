package org.imagingtriage.devstack.registry;

import org.imagingtriage.devstack.ParentWatchingMain;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command that starts one Apicurio Registry child JVM. Property names were checked against
 * the {@code application.properties} and the {@code @ConfigProperty} names inside
 * apicurio-registry-app 3.3.3.
 */
final class RegistryCommandLine {

    /** The only interface the registry listens on: tests and demos need no remote access. */
    static final String LOOPBACK = "127.0.0.1";

    /** The Main-Class of a Quarkus fast-jar's {@code quarkus-run.jar}. */
    static final String QUARKUS_ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private static final Map<String, String> DEVSTACK_DEFAULTS = devstackDefaults();

    private RegistryCommandLine() {
    }

    /**
     * @param config         what to start
     * @param ports          the ports chosen for this launch
     * @param workDir        a directory the registry may write scratch files into
     * @param launcherSource where {@link ParentWatchingMain} is loaded from; when absent
     *                       the child starts without the parent watch
     */
    static List<String> build(ApicurioRegistryConfig config, RegistryPorts ports, Path workDir,
                              Optional<Path> launcherSource) {
        List<String> command = new ArrayList<>();
        command.add(config.javaHome().resolve("bin").resolve("java").toString());
        command.add("-Xmx" + config.maxHeap());
        // A registry out of memory should die visibly rather than answer slowly and wrongly.
        command.add("-XX:+ExitOnOutOfMemoryError");
        // The client JIT only: start-up on a busy two-core machine drops from ~19 s to ~10 s and
        // the footprint by ~40 MB; peak throughput is irrelevant, as serdes cache schema ids.
        command.add("-XX:TieredStopAtLevel=1");
        systemProperties(config, ports, workDir).forEach((name, value) -> command.add("-D" + name + "=" + value));
        Path runnerJar = config.home().resolve(ApicurioRegistryConfig.RUNNER_JAR);
        if (launcherSource.isPresent()) {
            // Without -jar the JVM ignores the runner jar's Add-Opens and Enable-Native-Access
            // manifest entries, so they are repeated as options.
            command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-cp");
            command.add(runnerJar + File.pathSeparator + launcherSource.get());
            command.add(ParentWatchingMain.class.getName());
            command.add(QUARKUS_ENTRY_POINT);
        } else {
            command.add("-jar");
            command.add(runnerJar.toString());
        }
        return List.copyOf(command);
    }

    /** Devstack's defaults, then the caller's settings, then binding, which is not negotiable. */
    static Map<String, String> systemProperties(ApicurioRegistryConfig config, RegistryPorts ports, Path workDir) {
        Map<String, String> properties = new LinkedHashMap<>(DEVSTACK_DEFAULTS);
        // The distribution defaults these to /tmp, shared with everything else on the machine.
        properties.put("apicurio.storage.snapshot.location", workDir.toString());
        properties.put("apicurio.import.work-dir", workDir.toString());
        properties.put("java.io.tmpdir", workDir.toString());
        properties.putAll(config.systemProperties());
        properties.put("quarkus.http.host", LOOPBACK);
        properties.put("quarkus.http.port", Integer.toString(ports.http()));
        properties.put("quarkus.management.host", LOOPBACK);
        properties.put("quarkus.management.port", Integer.toString(ports.management()));
        return properties;
    }

    private static Map<String, String> devstackDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        // Already the distribution's default; pinned because the distribution also configures an
        // OTLP exporter (localhost:4317) that must never be switched on by an environment variable.
        defaults.put("quarkus.otel.sdk.disabled", "true");
        // Authentication is off, so there is no identity provider to discover over the network.
        defaults.put("quarkus.oidc.tenant-enabled", "false");
        // Confluent semantics: a schema id is a content id, the same for the same schema in every
        // subject; the legacy mode would hand out a new global id per registered version.
        defaults.put("apicurio.ccompat.legacy-id-mode.enabled", "false");
        // Confluent Schema Registry checks BACKWARD compatibility unless told otherwise; without a
        // global rule Apicurio accepts any change.
        defaults.put("apicurio.rules.global.compatibility", "BACKWARD");
        return Collections.unmodifiableMap(defaults);
    }
}
