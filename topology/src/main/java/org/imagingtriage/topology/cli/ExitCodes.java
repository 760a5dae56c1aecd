package org.imagingtriage.topology.cli;

/** The {@code triage} commands' exit codes, the same for every command. */
public final class ExitCodes {

    /** Everything asked was done. */
    public static final int OK = 0;
    /** The command ran but not everything succeeded: images skipped or failed, records unreadable. */
    public static final int INCOMPLETE = 1;
    /** Nothing was done: bad options, configuration or metadata (picocli's usage errors share it). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
