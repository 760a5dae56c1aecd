package org.imagingtriage.topology.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as Maven filtered it into {@code pipeline-version.properties}. */
public final class PipelineVersion {

    private static final String RESOURCE = "pipeline-version.properties";

    private PipelineVersion() {
    }

    /** For example {@code 0.1.0-SNAPSHOT}; what every draft's provenance names. */
    public static String current() {
        try (InputStream in = PipelineVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: a broken build");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by Maven: a broken build");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
