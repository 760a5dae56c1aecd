package org.imagingtriage.devstack.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * The {@code triage} command as the repository's {@code ./triage} script runs it: devstack's own
 * commands ({@code demo}; {@code bench} arrives with the async-inference issue) on top of the
 * production commands, which arrive in topology with the pipeline issue.
 */
public final class TriageDevstackCli {

    private TriageDevstackCli() {
    }

    /** Set before anything logs; a user's own {@code -Dlog4j2.configurationFile} wins. */
    private static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";

    public static void main(String[] args) throws Exception {
        if (System.getProperty(LOG_CONFIG_PROPERTY) == null) {
            System.setProperty(LOG_CONFIG_PROPERTY,
                    TriageDevstackCli.class.getResource("triage-log4j2.xml").toString());
        }
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            usage(out);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (command.equals("demo")) {
            return DemoCommand.fromArguments(rest, err).map(demo -> demo.run(out)).orElse(2);
        }
        if (command.equals("triton-simulator")) {
            TritonSimulatorCommand.main(rest.toArray(String[]::new));
            return 0;
        }
        err.println("triage: unknown command '" + command + "'");
        usage(err);
        return 2;
    }

    private static void usage(PrintStream out) {
        out.println("usage: triage <command> [options]");
        out.println();
        out.println("commands:");
        out.println("  demo [--keep-running]   start the embedded stack (KRaft broker, Apicurio Registry),");
        out.println("                          create the topics, send a sample ImageEvent through the serde");
        out.println("                          and read it back; --keep-running leaves the stack up until Ctrl-C");
        out.println("  triton-simulator [--model-repository DIR] [--port N] [--profile fast|medgemma-h100|instant]");
        out.println("                          serve the Triton model repository with the simulator (KServe v2 gRPC);");
        out.println("                          every output it makes is marked SIMULATED");
        out.println("  help                    this text");
        out.println();
        out.println("The pipeline commands (run, feed, review, preprocess, bench) arrive with their issues; see README.md.");
    }
}
