package org.imagingtriage.devstack.cli;

import org.imagingtriage.topology.cli.TriageCommand;
import picocli.CommandLine;

/**
 * The {@code triage} command as the repository's {@code ./triage} script runs it: topology's
 * production commands ({@code run}, {@code feed}, {@code review}) plus devstack's own
 * ({@code demo}, {@code triton-simulator}, {@code bench}).
 */
public final class TriageDevstackCli {

    /** Set before anything logs; a user's own {@code -Dlog4j2.configurationFile} wins. */
    private static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";

    private TriageDevstackCli() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_CONFIG_PROPERTY) == null) {
            System.setProperty(LOG_CONFIG_PROPERTY,
                    TriageDevstackCli.class.getResource("triage-log4j2.xml").toString());
        }
        System.exit(commandLine().execute(args));
    }

    /** Topology's command line with devstack's commands mounted on it. */
    public static CommandLine commandLine() {
        CommandLine triage = TriageCommand.commandLine();
        triage.addSubcommand(new DemoCommand());
        triage.addSubcommand(new SimulatorCommand());
        triage.addSubcommand(new BenchCommand());
        return triage;
    }
}
