package org.imagingtriage.devstack.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.LauncherClasspath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classpath of a child broker JVM. Normally it is the runtime classpath Maven resolved for
 * devstack (see {@link BuildLayout#kafkaBrokerClasspathFile()}), which holds kafka_2.13 and its
 * dependencies. When that file is missing, as in an IDE that never ran the Maven build, this
 * JVM's own classpath is used instead: it holds the same broker jars whenever devstack runs.
 */
final class BrokerClasspath {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerClasspath.class);

    private BrokerClasspath() {
    }

    /**
     * @param launcherDirectory a directory the broker owns, where the launcher class that
     *     watches the parent is written: it lives in devstack, which the dependency list lacks
     */
    static String resolve(Path launcherDirectory) {
        List<String> entries = new ArrayList<>(baseEntries());
        entries.add(LauncherClasspath.writeInto(launcherDirectory).toString());
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> baseEntries() {
        Path file = BuildLayout.fromBuild().kafkaBrokerClasspathFile();
        if (!Files.isRegularFile(file)) {
            LOG.warn("Broker classpath file {} is missing (run the Maven build of devstack, or set {}); "
                    + "using this JVM's classpath instead", file, BuildLayout.KAFKA_CLASSPATH_FILE_ENV);
            return split(System.getProperty("java.class.path"));
        }
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (line.isEmpty()) {
                throw new IllegalStateException("broker classpath file " + file + " is empty");
            }
            return split(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read broker classpath file " + file, e);
        }
    }

    private static List<String> split(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank()).toList();
    }
}
