package org.imagingtriage.topology.pipeline;

import java.time.Duration;

/**
 * A step kept failing transiently for longer than a stream thread may pause. Not an input error:
 * the pipeline replaces the stream thread and the event is processed again from the last commit.
 * The message holds the event id, stage and failure type only; never a value from the event.
 */
public final class StillTransientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stage;

    StillTransientException(String stage, String eventId, int attempts, Duration spent, Throwable cause) {
        super("event " + eventId + ": stage " + stage + " still failing transiently after " + attempts
                + " attempts in " + spent.toSeconds() + " s (" + cause.getClass().getSimpleName()
                + "); the stream thread will be replaced and the event retried from the last commit", cause);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
