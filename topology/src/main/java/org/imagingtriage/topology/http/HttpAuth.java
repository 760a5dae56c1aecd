package org.imagingtriage.topology.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How an HTTP client proves who it is to a server it reads images from: nothing, HTTP Basic
 * (Orthanc's registered users) or a bearer token (DICOMweb servers behind an OAuth proxy).
 *
 * <p>{@link #toString()} never shows the secret, so a settings record holding one can be logged.
 */
public final class HttpAuth {

    private static final HttpAuth NONE = new HttpAuth("none", Optional.empty());

    private final String kind;
    private final Optional<String> authorization;

    private HttpAuth(String kind, Optional<String> authorization) {
        this.kind = kind;
        this.authorization = authorization;
    }

    public static HttpAuth none() {
        return NONE;
    }

    /** RFC 7617 Basic: user and password, UTF-8; the user may not contain ':'. */
    public static HttpAuth basic(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name must be non-empty and contain no ':'");
        }
        String pair = username + ":" + password;
        return new HttpAuth("basic", Optional.of(
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }

    /** RFC 6750 bearer token. */
    public static HttpAuth bearer(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("a bearer token must be non-blank printable ASCII without spaces");
        }
        return new HttpAuth("bearer", Optional.of("Bearer " + token));
    }

    /**
     * From the optional settings of a configuration: a user (with a password, possibly empty)
     * makes Basic, a token makes Bearer, neither makes none; both is refused as ambiguous.
     */
    public static HttpAuth of(Optional<String> username, Optional<String> password, Optional<String> token) {
        if (username.isPresent() && token.isPresent()) {
            throw new IllegalArgumentException("set a user name and password or a bearer token, not both");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("a password needs a user name");
        }
        if (username.isPresent()) {
            return basic(username.get(), password.orElse(""));
        }
        return token.map(HttpAuth::bearer).orElse(NONE);
    }

    /** The {@code Authorization} header's value, if any. */
    public Optional<String> authorization() {
        return authorization;
    }

    @Override
    public String toString() {
        return "HttpAuth[" + kind + "]";
    }
}
