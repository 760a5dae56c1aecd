package org.imagingtriage.topology.cli;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code triage}: the production command line. Its subcommands are topology's production
 * commands; devstack adds its own ({@code demo}, {@code bench}) to {@link #commandLine()} with
 * {@code addSubcommand}.
 *
 * <p>Commands print to the {@link CommandLine}'s {@code getOut()} and {@code getErr()} writers,
 * never to {@code System.out}, so tests and embedding callers capture them with {@code setOut}.
 */
@Command(name = "triage",
        mixinStandardHelpOptions = true,
        versionProvider = TriageCommand.Version.class,
        description = {
                "Imaging triage drafts: de-identified image events in, draft findings for human review out.",
                "",
                "Every command reads the same configuration: triage.properties (--config or TRIAGE_CONFIG_FILE),"
                        + " overridden by TRIAGE_* environment variables, overridden by options."},
        subcommands = {
                RunCommand.class,
                FeedCommand.class,
                ReviewCommand.class,
                TopicsCommand.class,
                PreprocessCommand.class,
                HelpCommand.class},
        footer = {
                "",
                "Exit codes: 0 done; 1 done in part (images skipped or failed, unreadable records, "
                        + "a broker or registry failure); 2 nothing done (bad options, configuration or metadata).",
                "",
                "Examples:",
                "  triage run --config /etc/triage/triage.properties",
                "  triage feed folder --config /etc/triage/triage.properties /srv/images/inbox",
                "  triage review --config /etc/triage/triage.properties --web --users-file /etc/triage/reviewers",
                "  triage preprocess --out /tmp/medgemma scans/",
                "  triage feed folder --help"})
public final class TriageCommand implements Callable<Integer> {

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    /**
     * @param environment the process environment ({@code TRIAGE_*} overrides, {@code TRIAGE_CONFIG_FILE});
     *     tests pass their own
     */
    public TriageCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** The command line on the process environment; call {@code execute(args)} on it. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The command line on the given environment, with the triage failure handling and exit codes. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new TriageCommand(environment));
        commandLine.setExecutionExceptionHandler(new CommandFailureHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@code triage} without a command: the usage, on stderr, as for any usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * The environment of the {@code triage} command {@code spec} runs under; the process's when
     * the command was mounted elsewhere.
     */
    static Map<String, String> environmentOf(CommandSpec spec) {
        for (CommandSpec current = spec; current != null; current = current.parent()) {
            if (current.userObject() instanceof TriageCommand triage) {
                return triage.environment;
            }
        }
        return System.getenv();
    }

    /** The jar's Implementation-Version when packaged with one. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TriageCommand.class.getPackage().getImplementationVersion();
            return new String[] {"triage " + (version == null ? "(development build)" : version)};
        }
    }
}
