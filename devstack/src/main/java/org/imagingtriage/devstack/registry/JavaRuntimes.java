package org.imagingtriage.devstack.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the Java runtime the Apicurio Registry process runs on. The project itself builds and
 * runs on Java 17, but Apicurio Registry 3 needs Java 21 or newer, so the registry is started
 * on a second, newer runtime: the one named by {@value #JAVA_HOME_ENV}, else the newest
 * suitable one installed under the machine's JVM directory.
 */
public final class JavaRuntimes {

    /** Names the home of the runtime to start the registry with, overriding the search. */
    public static final String JAVA_HOME_ENV = "TRIAGE_REGISTRY_JAVA_HOME";
    /** The lowest Java feature version Apicurio Registry 3 starts on. */
    public static final int REGISTRY_MINIMUM_FEATURE = 21;
    /** Where Debian packages and the machine's Temurin install runtimes. */
    public static final Path DEFAULT_JVM_ROOT = Path.of("/usr/lib/jvm");

    private final Path jvmRoot;
    private final UnaryOperator<String> environment;

    /**
     * @param jvmRoot     the directory whose subdirectories are runtime homes
     * @param environment looks up an environment variable, {@code null} when unset
     */
    public JavaRuntimes(Path jvmRoot, UnaryOperator<String> environment) {
        this.jvmRoot = Objects.requireNonNull(jvmRoot, "jvmRoot");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The runtimes of this machine, with this process's environment. */
    public static JavaRuntimes ofThisMachine() {
        return new JavaRuntimes(DEFAULT_JVM_ROOT, System::getenv);
    }

    /**
     * The runtime to start Apicurio Registry with.
     *
     * @throws IllegalStateException when {@value #JAVA_HOME_ENV} names an unusable runtime, or
     *                               when it is unset and no Java 21+ is installed; the message
     *                               says what was found and how to fix it
     */
    public JavaRuntime requireRegistryRuntime() {
        String override = environment.apply(JAVA_HOME_ENV);
        if (override != null && !override.isBlank()) {
            return requireOverride(Path.of(override.strip()));
        }
        List<Inspection> installed = installed();
        return installed.stream()
                .map(Inspection::runtime)
                .flatMap(Optional::stream)
                .filter(runtime -> runtime.featureVersion() >= REGISTRY_MINIMUM_FEATURE)
                .max(JavaRuntime.BY_VERSION)
                .orElseThrow(() -> new IllegalStateException(noSuitableRuntimeMessage(installed)));
    }

    private JavaRuntime requireOverride(Path home) {
        JavaRuntime runtime;
        try {
            runtime = JavaRuntime.at(home);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(JAVA_HOME_ENV + "=" + home + " is not a usable Java home: it "
                    + e.getMessage() + ". Point it at a Java " + REGISTRY_MINIMUM_FEATURE
                    + "+ home (the directory holding bin/java and the release file), or unset it.", e);
        }
        if (runtime.featureVersion() < REGISTRY_MINIMUM_FEATURE) {
            throw new IllegalStateException(JAVA_HOME_ENV + "=" + home + " is Java " + runtime.version()
                    + ", but Apicurio Registry needs Java " + REGISTRY_MINIMUM_FEATURE
                    + " or newer. Point it at a newer runtime, or unset it.");
        }
        return runtime;
    }

    /** What each directory under the JVM root holds, once per real directory. */
    List<Inspection> installed() {
        if (!Files.isDirectory(jvmRoot)) {
            return List.of();
        }
        List<Inspection> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        try (Stream<Path> entries = Files.list(jvmRoot)) {
            // Real directories before symlinks, so a runtime is listed under its own name
            // rather than under an alias such as Debian's java-1.17.0-openjdk-amd64.
            List<Path> ordered = entries
                    .sorted(Comparator.comparing(Files::isSymbolicLink).thenComparing(Comparator.naturalOrder()))
                    .collect(Collectors.toList());
            for (Path entry : ordered) {
                if (Files.isDirectory(entry) && seen.add(entry.toRealPath())) {
                    found.add(Inspection.of(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Java runtimes in " + jvmRoot, e);
        }
        return found;
    }

    private String noSuitableRuntimeMessage(List<Inspection> installed) {
        String inventory = installed.isEmpty()
                ? "nothing"
                : installed.stream().map(Inspection::describe).collect(Collectors.joining(", "));
        return "Apicurio Registry needs Java " + REGISTRY_MINIMUM_FEATURE + " or newer, and the project's tests,"
                + " demo and benchmarks require the registry; no such runtime was found. Under " + jvmRoot
                + " there is: " + inventory + ". Install a Java " + REGISTRY_MINIMUM_FEATURE + "+ runtime"
                + " (Debian 12 has no openjdk-21 package: install Eclipse Temurin 21 or newer, e.g. the"
                + " temurin-21-jre package from the Adoptium apt repository; on Debian 13 or later:"
                + " apt-get install openjdk-21-jre-headless), or set " + JAVA_HOME_ENV
                + " to the home directory of one.";
    }

    /** One directory under the JVM root: a usable runtime, or why it is not one. */
    record Inspection(Path home, Optional<JavaRuntime> runtime, String problem) {

        static Inspection of(Path home) {
            try {
                return new Inspection(home, Optional.of(JavaRuntime.at(home)), "");
            } catch (IllegalArgumentException e) {
                return new Inspection(home, Optional.empty(), e.getMessage());
            }
        }

        String describe() {
            String name = home.getFileName().toString();
            return runtime.map(found -> name + " (Java " + found.version() + ")")
                    .orElseGet(() -> name + " (not usable: " + problem + ")");
        }
    }
}
