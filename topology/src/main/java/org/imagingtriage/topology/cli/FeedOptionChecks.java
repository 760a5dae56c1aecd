package org.imagingtriage.topology.cli;

import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The option checks the feed commands share. */
final class FeedOptionChecks {

    private FeedOptionChecks() {
    }

    /** Option values the feed's records refuse are usage errors: message, usage, exit 2. */
    static <T> T valid(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The de-identification method the feed claims, or empty with {@code --not-deidentified};
     * both options given is refused.
     */
    static Optional<String> claimedMethod(CommandSpec spec, boolean notDeidentified, String method) {
        if (notDeidentified && spec.commandLine().getParseResult().hasMatchedOption("--deidentified-method")) {
            throw new ParameterException(spec.commandLine(),
                    "--not-deidentified and --deidentified-method contradict each other");
        }
        return notDeidentified ? Optional.empty() : Optional.of(method);
    }
}
