package org.imagingtriage.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code triage demo} as the README tells a new user to run it (through the same command line
 * {@code ./triage} runs), on its own embedded broker, registry, simulator and pipeline.
 */
class TriageDemoIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int triage(String... args) {
        CommandLine triage = TriageDevstackCli.commandLine();
        triage.setOut(new PrintWriter(out, true));
        triage.setErr(new PrintWriter(err, true));
        return triage.execute(args);
    }

    @Test
    void demoPrintsEachSimulatedDraftAndALatencyTableThenExitsZero() {
        // when
        int exit = triage("demo", "--events", "3", "--profile", "instant", "--metrics-port", "0", "--no-console");

        // then
        String report = out.toString();
        assertThat(exit).as(report + err).isZero();
        assertThat(report)
                .contains("$ triage feed folder")
                .contains("[1/3]", "[2/3]", "[3/3]")
                .contains("Latency over 3 drafts (ms)", "end to end", "inference")
                .contains("3 events: 3 drafts (3 marked simulated), 0 dead letters")
                .contains("not a diagnosis");
        assertThat(report.split("SIMULATED \\(Triton simulator output", -1)).hasSize(4);
    }

    @Test
    void demoRefusesAnEventCountOutsideItsRangeBeforeStartingAnything() {
        // when
        int exit = triage("demo", "--events", "0");

        // then
        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--events must be between 1 and");
        assertThat(out.toString()).doesNotContain("starting the embedded stack");
    }

    @Test
    void demoRefusesAPaceOrConsolePortItCannotUseBeforeStartingAnything() {
        assertThat(triage("demo", "--pace-ms", "-1")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(triage("demo", "--console-port", "70000")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(triage("demo", "--events", "100", "--pace-ms", "10000", "--timeout-s", "60"))
                .isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("--pace-ms must be between 0 and 60000",
                "--console-port must be between 0 and 65535", "longer than --timeout-s 60");
        assertThat(out.toString()).doesNotContain("starting the embedded stack");
    }
}
