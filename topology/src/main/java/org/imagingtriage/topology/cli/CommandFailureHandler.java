package org.imagingtriage.topology.cli;

import java.io.PrintWriter;
import org.apache.kafka.common.config.ConfigException;
import org.imagingtriage.topology.console.TerminalText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr and an exit code, never a stack
 * trace on the operator's terminal: configuration errors (ours name the key and how to set it;
 * Kafka's name its setting) exit {@link ExitCodes#USAGE}, anything else {@link ExitCodes#INCOMPLETE}.
 * The stack trace goes to the debug log, for developers.
 */
final class CommandFailureHandler implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandFailureHandler.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        LOG.debug("{} failed", name, failure);
        if (failure instanceof ConfigException) {
            err.println(name + ": configuration error: " + TerminalText.safe(failure.getMessage()));
            err.flush();
            return ExitCodes.USAGE;
        }
        err.println(name + ": " + failure.getClass().getSimpleName() + ": " + TerminalText.safe(failure.getMessage()));
        err.flush();
        return ExitCodes.INCOMPLETE;
    }
}
