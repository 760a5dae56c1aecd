package org.imagingtriage.devstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.devstack.ChildJvm;

/**
 * Formats a broker's KRaft storage with Kafka's own storage tool, in a child JVM like the broker
 * itself, so the on-disk layout is exactly what {@code kafka-storage.sh format} would write.
 * {@code --standalone} makes this node the sole voter of a dynamic quorum, which is what Kafka 4
 * expects of a one-node cluster configured with {@code controller.quorum.bootstrap.servers}.
 * The tool's console output, where it reports what it did or why it failed, goes to its own
 * file; its logging goes wherever the JVM options send it.
 */
final class StorageFormat {

    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final int OUTPUT_LINES_IN_ERRORS = 40;

    private StorageFormat() {
    }

    static void run(BrokerDataDirectory data, String clusterId, String classpath, List<String> jvmOptions,
                    Duration timeout) {
        List<String> command = ChildJvm.command(
                jvmOptions,
                classpath,
                STORAGE_TOOL,
                List.of("format", "--standalone",
                        "-t", clusterId,
                        "-c", data.serverProperties().toString()));
        Process process = startFormat(command, data);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("formatting broker storage took longer than " + timeout
                        + "; its output:\n" + BrokerDataDirectory.tail(data.formatLog(), OUTPUT_LINES_IN_ERRORS));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting broker storage in " + data.root(), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("formatting broker storage failed with exit code " + process.exitValue()
                    + " (command " + String.join(" ", command.subList(command.indexOf(STORAGE_TOOL), command.size()))
                    + "); its output:\n" + BrokerDataDirectory.tail(data.formatLog(), OUTPUT_LINES_IN_ERRORS));
        }
    }

    private static Process startFormat(List<String> command, BrokerDataDirectory data) {
        try {
            return new ProcessBuilder(command)
                    .directory(data.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(data.formatLog().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the storage format tool: " + command.get(0), e);
        }
    }
}
