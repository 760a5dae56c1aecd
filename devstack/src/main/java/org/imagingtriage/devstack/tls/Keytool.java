package org.imagingtriage.devstack.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the running JDK's own {@code keytool}: the JDK has no public API that signs a certificate,
 * and keytool needs nothing outside the JDK. Store passwords reach it through its environment
 * ({@code -storepass:env}), never on a command line other processes can read.
 */
final class Keytool {

    /** The environment variable the store password is passed in. */
    static final String PASSWORD_VARIABLE = "DEVSTACK_KEYTOOL_STOREPASS";
    private static final long TIMEOUT_SECONDS = 60;
    /**
     * Each run is a short-lived JVM doing little work: the C1 compiler alone, the serial collector
     * and no performance-data file halve its start-up (1.4 s to 0.6 s here), and a certificate
     * takes three runs.
     */
    private static final List<String> QUICK_START = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-XX:-UsePerfData");

    private final String storePassword;

    Keytool(String storePassword) {
        this.storePassword = storePassword;
    }

    /** Runs one keytool command; {@code -storepass:env} is added, so arguments never hold a password. */
    void run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(QUICK_START);
        command.addAll(List.of(arguments));
        command.add("-storepass:env");
        command.add(PASSWORD_VARIABLE);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, storePassword);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
