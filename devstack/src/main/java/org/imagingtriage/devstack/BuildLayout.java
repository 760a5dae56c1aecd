package org.imagingtriage.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the devstack build put what Maven resolved for it: the unpacked Apicurio Registry
 * distribution and the classpath file for the standalone broker process; and where the
 * repository's Triton model repository is, for the simulator. The values are
 * written into {@code devstack.properties} by resource filtering at build time; environment
 * variables override them for layouts the build did not make.
 */
public record BuildLayout(Path apicurioHome, Path kafkaBrokerClasspathFile, Path tritonModelRepository) {

    /** Overrides {@code apicurioHome}: a directory holding {@code quarkus-run.jar}. */
    public static final String APICURIO_HOME_ENV = "TRIAGE_APICURIO_HOME";
    /** Overrides {@code kafkaBrokerClasspathFile}: a file holding one classpath line. */
    public static final String KAFKA_CLASSPATH_FILE_ENV = "TRIAGE_KAFKA_CLASSPATH_FILE";
    /** Overrides {@code tritonModelRepository}: the model repository the simulator serves by default. */
    public static final String TRITON_MODEL_REPOSITORY_ENV = "TRIAGE_TRITON_MODEL_REPOSITORY";

    private static final String RESOURCE = "devstack.properties";

    /** Reads the layout the build recorded, with environment overrides applied. */
    public static BuildLayout fromBuild() {
        Properties recorded = new Properties();
        try (InputStream in = BuildLayout.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("devstack resource " + RESOURCE
                        + " is missing: build devstack with Maven so that it is generated");
            }
            recorded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read devstack resource " + RESOURCE, e);
        }
        return new BuildLayout(
                Path.of(envOr(APICURIO_HOME_ENV, recorded.getProperty("apicurio.home"))),
                Path.of(envOr(KAFKA_CLASSPATH_FILE_ENV, recorded.getProperty("kafka.broker.classpath.file"))),
                Path.of(envOr(TRITON_MODEL_REPOSITORY_ENV, recorded.getProperty("triton.model.repository")))
                        .normalize());
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
