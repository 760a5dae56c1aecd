package org.imagingtriage.topology.review.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed-in reviewers: an unguessable token (256 random bits) per sign-in, held in memory only,
 * ending after {@code idle} without a request. Capped: beyond {@code capacity}, the least recently
 * used session ends. A restart signs everyone out, which a reviewer notices as a login page.
 */
final class Sessions {

    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random;
    private final Clock clock;
    private final Duration idle;
    private final Map<String, Session> byToken;

    Sessions(SecureRandom random, Clock clock, Duration idle, int capacity) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.byToken = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized String open(String reviewer) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, new Session(reviewer, clock.instant()));
        return token;
    }

    /** The reviewer of a live session; touching it keeps it alive. */
    synchronized Optional<String> reviewer(String token) {
        if (token == null) {
            return Optional.empty();
        }
        expire();
        Session session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        byToken.put(token, new Session(session.reviewer, clock.instant()));
        return Optional.of(session.reviewer);
    }

    synchronized void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    private void expire() {
        Instant oldest = clock.instant().minus(idle);
        // Access order: the least recently used come first, so stop at the first live one.
        Iterator<Session> sessions = byToken.values().iterator();
        while (sessions.hasNext()) {
            if (!sessions.next().lastSeen.isBefore(oldest)) {
                return;
            }
            sessions.remove();
        }
    }

    private record Session(String reviewer, Instant lastSeen) {
    }
}
