package org.imagingtriage.topology.review.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How the review console serves.
 *
 * @param bindAddress the interface to listen on; loopback unless a proxy or the network must reach it
 * @param port 0 picks a free one
 * @param maxStreams live worklist connections (one per open page) served at once; more are refused
 *     with 503, and the page retries
 * @param sessionIdle how long a signed-in reviewer stays signed in without a request
 */
public record ReviewConsoleSettings(String bindAddress, int port, ReviewerIdentity identity, int maxStreams,
                                    Duration sessionIdle) {

    public static final int DEFAULT_PORT = 8088;
    public static final int DEFAULT_MAX_STREAMS = 32;
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofHours(8);

    public ReviewConsoleSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("the bind address must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the port must be between 0 and 65535");
        }
        if (maxStreams < 1 || maxStreams > 1_000) {
            throw new IllegalArgumentException("the number of live connections must be between 1 and 1000");
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalArgumentException("the session idle time must be positive");
        }
    }
}
