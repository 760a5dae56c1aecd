package org.imagingtriage.tests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imagingtriage.devstack.ChildJvm;
import org.imagingtriage.devstack.ParentWatchingMain;
import org.imagingtriage.topology.cli.TriageCommand;

/**
 * {@code triage run} in a JVM of its own, as an operator runs it, so that a test can kill it
 * with SIGKILL: no shutdown hook, no close, no last commit. Its console output goes to a log
 * file per start. It ends by itself if the test JVM dies ({@link ParentWatchingMain}).
 */
final class PipelineProcess implements AutoCloseable {

    /** What {@code triage run} prints once started: the port of /metrics and /health. */
    private static final Pattern STARTED = Pattern.compile("run: pipeline \\S+ started; metrics and health on [^:]+:(\\d+)");

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final Process process;
    private final Path log;

    private PipelineProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code triage run --config configFile} on this JVM's classpath and Java. */
    static PipelineProcess start(Path configFile, Path log, List<String> jvmOptions) {
        List<String> arguments = List.of(TriageCommand.class.getName(), "run", "--config", configFile.toString());
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:+ExitOnOutOfMemoryError");
        List<String> command = ChildJvm.command(options, System.getProperty("java.class.path"),
                ParentWatchingMain.class.getName(), arguments);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new PipelineProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the pipeline JVM", e);
        }
    }

    /** Waits until the pipeline says it started, and returns its metrics port. */
    int awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher started = STARTED.matcher(output());
            if (started.find()) {
                return Integer.parseInt(started.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the pipeline exited with " + process.exitValue()
                        + " before it started\n" + tail(60));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the pipeline did not start within " + timeout + "\n" + tail(60));
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pipeline (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * The bytes of every object still reachable, measured by the JDK's {@code jcmd}: its class
     * histogram runs a full collection first, so this is the live set, not garbage awaiting GC.
     */
    long liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process histogram = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        histogram.waitFor(60, TimeUnit.SECONDS);
        Matcher total = HISTOGRAM_TOTAL.matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("no total in jcmd's class histogram:\n"
                    + output.substring(0, Math.min(output.length(), 2000)));
        }
        return Long.parseLong(total.group(1));
    }

    /** The last lines the pipeline printed, for failure messages. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        return "--- last " + lines + " lines of " + log + " ---\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
