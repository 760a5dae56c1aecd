package org.imagingtriage.devstack.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed Java runtime, identified by its home directory. The version is read from the
 * home's {@code release} file rather than by running {@code java -version}: reading a file is
 * fast, has no side effects and can be tested with fake homes.
 */
public record JavaRuntime(Path home, String version, int featureVersion) {

    /** Orders runtimes by version, numerically: "21.0.10" is newer than "21.0.9", unlike as strings. */
    public static final Comparator<JavaRuntime> BY_VERSION = Comparator
            .comparingInt(JavaRuntime::featureVersion)
            .thenComparing(runtime -> versionNumbers(runtime.version()), JavaRuntime::compareNumbers);

    private static final Pattern JAVA_VERSION_LINE = Pattern.compile("^JAVA_VERSION=\"?([^\"]*)\"?\\s*$");
    // Java 8 and older report "1.8.0_392": the feature number is then the second component.
    private static final Pattern FEATURE = Pattern.compile("^(?:1\\.(?=\\d))?(\\d+)");

    public JavaRuntime {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(version, "version");
    }

    /** The launcher of this runtime. */
    public Path javaExecutable() {
        return home.resolve("bin").resolve("java");
    }

    /**
     * Reads the runtime installed at {@code home}.
     *
     * @throws IllegalArgumentException naming what makes {@code home} unusable
     */
    public static JavaRuntime at(Path home) {
        if (!Files.isDirectory(home)) {
            throw new IllegalArgumentException("is not a directory");
        }
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isRegularFile(java)) {
            throw new IllegalArgumentException("has no bin/java");
        }
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("bin/java is not executable");
        }
        String version = releaseVersion(home.resolve("release"));
        return new JavaRuntime(home, version, featureOf(version));
    }

    private static String releaseVersion(Path releaseFile) {
        if (!Files.isRegularFile(releaseFile)) {
            throw new IllegalArgumentException("has no release file to tell its version");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(releaseFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read its release file: " + e.getMessage(), e);
        }
        for (String line : lines) {
            Matcher matcher = JAVA_VERSION_LINE.matcher(line.strip());
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        throw new IllegalArgumentException("its release file has no JAVA_VERSION line");
    }

    private static int featureOf(String version) {
        Matcher matcher = FEATURE.matcher(version);
        if (!matcher.find()) {
            throw new IllegalArgumentException("its release file has an unreadable JAVA_VERSION \"" + version + "\"");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static int[] versionNumbers(String version) {
        return Arrays.stream(version.split("\\D+"))
                .filter(part -> !part.isEmpty())
                .mapToInt(part -> part.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(part))
                .toArray();
    }

    private static int compareNumbers(int[] left, int[] right) {
        return Arrays.compare(left, right);
    }
}
