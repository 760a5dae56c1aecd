package org.imagingtriage.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code triage feed folder --watch}: the options it refuses before touching Kafka. */
class FeedFolderWatchOptionsTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int feedFolder(String... options) {
        CommandLine commandLine = TriageCommand.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 7];
        args[0] = "feed";
        args[1] = "folder";
        System.arraycopy(options, 0, args, 2, options.length);
        args[options.length + 2] = "--bootstrap-server";
        args[options.length + 3] = "broker:9092";
        args[options.length + 4] = "--registry-url";
        args[options.length + 5] = "http://registry:8081";
        args[options.length + 6] = directory.toString();
        return commandLine.execute(args);
    }

    @Test
    void watchAndDryRunExcludeEachOther() {
        // when
        int exit = feedFolder("--watch", "--dry-run");

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--watch and --dry-run exclude each other", "Usage: triage feed folder");
    }

    @Test
    void watchRefusesTheLoadOptions() {
        assertThat(feedFolder("--watch", "--repeat", "2")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--repeat");
        assertThat(feedFolder("--watch", "--interval-ms", "20")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--interval-ms");
    }

    @Test
    void theWatchOptionsNeedWatch() {
        assertThat(feedFolder("--skip-existing")).isEqualTo(ExitCodes.USAGE);
        assertThat(feedFolder("--dry-run", "--settle-ms", "500")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--skip-existing and --settle-ms need --watch");
    }

    @Test
    void theSettleTimeMustBePositive() {
        // when
        int exit = feedFolder("--watch", "--settle-ms", "0");

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the settle time must be positive");
    }

    @Test
    void theHelpExplainsTheWatch() {
        // when
        CommandLine commandLine = TriageCommand.commandLine(Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.execute("feed", "folder", "--help");

        // then
        assertThat(out.toString()).contains("--watch", "--settle-ms", "Default: 2000", "--skip-existing",
                "filepart", "triage feed folder --watch");
    }
}
