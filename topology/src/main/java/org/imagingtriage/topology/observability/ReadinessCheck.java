package org.imagingtriage.topology.observability;

import java.util.Objects;

/**
 * One condition {@code /health/ready} requires. Implementations must return promptly (bounded
 * by their own deadline or cache) because a scrape waits for every check.
 */
public interface ReadinessCheck {

    /** A short, stable identifier shown in the readiness body, e.g. {@code kafka-streams}. */
    String name();

    /** Evaluates the check; exceptions are treated as not ready by the server. */
    Result check();

    /**
     * The outcome of one check.
     *
     * @param ready whether the condition holds
     * @param reason why it does not hold (empty when ready); a fixed phrase or a state name,
     *     never data from an event, so it is safe to expose unauthenticated
     */
    record Result(boolean ready, String reason) {

        private static final Result UP = new Result(true, "");

        public Result {
            Objects.requireNonNull(reason, "reason");
        }

        public static Result up() {
            return UP;
        }

        public static Result down(String reason) {
            return new Result(false, reason);
        }
    }
}
