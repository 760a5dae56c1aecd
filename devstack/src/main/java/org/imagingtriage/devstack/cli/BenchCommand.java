package org.imagingtriage.devstack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code triage bench}: the benchmarks behind docs/benchmarks.md. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure performance goals, each against its baseline in the same run; the figures go to"
                + " docs/benchmarks.md with the command and the date.",
        subcommands = {PreprocessBenchCommand.class, PipelineBenchCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
