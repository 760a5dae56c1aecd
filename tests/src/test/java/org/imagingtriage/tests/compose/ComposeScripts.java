package org.imagingtriage.tests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the compose stack's shell scripts as an operator would, with a bounded wait. */
final class ComposeScripts {

    private static final long TIMEOUT_SECONDS = 180;

    private ComposeScripts() {
    }

    /** {@code secure/make-certs.sh DIR} with the given variables (the .env an operator loads). */
    static void makeCertificates(Path directory, Map<String, String> environment) throws Exception {
        Result result = run(List.of("bash", ComposeProject.COMPOSE.resolve("secure/make-certs.sh").toString(),
                directory.toString()), environment);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** Runs a command with {@code environment} added to this JVM's; its output and exit code. */
    static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = Files.createTempFile("compose-script", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    record Result(int exitCode, String output) {
    }
}
