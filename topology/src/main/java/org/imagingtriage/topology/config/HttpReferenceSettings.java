package org.imagingtriage.topology.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.topology.http.HttpAuth;
import org.imagingtriage.topology.http.HttpOrigin;

/**
 * How the pipeline fetches {@code http(s)://} image references: from which servers, as whom, and
 * how long it waits.
 *
 * <p>{@code timeout} bounds one attempt: connecting, the headers and the whole body. A transient
 * failure is retried while the stream thread's retry budget lasts, and the last attempt may
 * start just before the budget ends, so {@link TriageConfig} keeps the timeout within that
 * budget (see {@link TriageConfig#streamThreadRetryBudget()}).
 *
 * @param origins the servers references may point to; empty refuses every http(s) reference
 * @param auth sent to every origin; its {@code toString()} hides the secret
 * @param caFile PEM bundle of the CAs to trust for https; empty for the JVM's trust store
 * @param connectTimeout for opening a connection; at most {@code timeout}
 * @param timeout for a whole attempt
 */
public record HttpReferenceSettings(List<HttpOrigin> origins, HttpAuth auth, Optional<Path> caFile,
                                    Duration connectTimeout, Duration timeout) {

    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_TIMEOUT_MS = 60_000;

    public HttpReferenceSettings {
        origins = List.copyOf(Objects.requireNonNull(origins, ConfigKeys.REFERENCES_HTTP_ORIGINS));
        Objects.requireNonNull(auth, ConfigKeys.REFERENCES_HTTP_USERNAME);
        Objects.requireNonNull(caFile, ConfigKeys.REFERENCES_HTTP_TLS_CA_FILE);
        requirePositive(connectTimeout, ConfigKeys.REFERENCES_HTTP_CONNECT_TIMEOUT_MS);
        requirePositive(timeout, ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS);
        if (connectTimeout.compareTo(timeout) > 0) {
            throw new TriageConfigException(
                    List.of(ConfigKeys.REFERENCES_HTTP_CONNECT_TIMEOUT_MS, ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS),
                    ConfigKeys.REFERENCES_HTTP_CONNECT_TIMEOUT_MS + " (" + connectTimeout.toMillis()
                            + ") must not exceed " + ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS + " (" + timeout.toMillis()
                            + "), which covers connecting too");
        }
        caFile.ifPresent(file -> ConfigFiles.requireCaBundle(file, ConfigKeys.REFERENCES_HTTP_TLS_CA_FILE));
    }

    /** No origin: http(s) references are refused without a request. */
    public static HttpReferenceSettings defaults() {
        return new HttpReferenceSettings(List.of(), HttpAuth.none(), Optional.empty(),
                Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS), Duration.ofMillis(DEFAULT_TIMEOUT_MS));
    }

    public static HttpReferenceSettings from(ConfigValues values) {
        return new HttpReferenceSettings(
                origins(values.list(ConfigKeys.REFERENCES_HTTP_ORIGINS, List.of())),
                auth(values),
                values.path(ConfigKeys.REFERENCES_HTTP_TLS_CA_FILE),
                values.millis(ConfigKeys.REFERENCES_HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS),
                values.millis(ConfigKeys.REFERENCES_HTTP_TIMEOUT_MS, DEFAULT_TIMEOUT_MS));
    }

    /** Every origin's scheme must be one {@code limits.reference.schemes} allows: anything else is a contradiction. */
    void requireSchemesAllowedBy(LimitSettings limits) {
        for (HttpOrigin origin : origins) {
            if (!limits.allowsScheme(origin.scheme())) {
                throw new TriageConfigException(
                        List.of(ConfigKeys.REFERENCES_HTTP_ORIGINS, ConfigKeys.LIMITS_REFERENCE_SCHEMES),
                        ConfigKeys.REFERENCES_HTTP_ORIGINS + " lists an " + origin.scheme() + " origin but "
                                + ConfigKeys.LIMITS_REFERENCE_SCHEMES + " does not allow " + origin.scheme());
            }
        }
    }

    private static List<HttpOrigin> origins(List<String> entries) {
        List<HttpOrigin> origins = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                origins.add(HttpOrigin.parse(entries.get(i)));
            } catch (IllegalArgumentException e) {
                // The message says what is wrong with the entry, never the entry itself.
                throw new TriageConfigException(ConfigKeys.REFERENCES_HTTP_ORIGINS, ConfigKeys.REFERENCES_HTTP_ORIGINS
                        + " entry " + (i + 1) + " is not an origin: " + e.getMessage()
                        + "; expected scheme://host[:port][/path] with scheme http or https");
            }
        }
        return origins;
    }

    private static HttpAuth auth(ConfigValues values) {
        try {
            return HttpAuth.of(values.string(ConfigKeys.REFERENCES_HTTP_USERNAME),
                    values.string(ConfigKeys.REFERENCES_HTTP_PASSWORD),
                    values.string(ConfigKeys.REFERENCES_HTTP_BEARER_TOKEN));
        } catch (IllegalArgumentException e) {
            // HttpAuth's messages name no value.
            throw new TriageConfigException(List.of(ConfigKeys.REFERENCES_HTTP_USERNAME,
                    ConfigKeys.REFERENCES_HTTP_PASSWORD, ConfigKeys.REFERENCES_HTTP_BEARER_TOKEN),
                    ConfigKeys.REFERENCES_HTTP_USERNAME + ", " + ConfigKeys.REFERENCES_HTTP_PASSWORD + " and "
                            + ConfigKeys.REFERENCES_HTTP_BEARER_TOKEN + ": " + e.getMessage());
        }
    }

    private static void requirePositive(Duration duration, String key) {
        Objects.requireNonNull(duration, key);
        if (duration.isNegative() || duration.isZero()) {
            throw new TriageConfigException(key, key + " must be positive");
        }
    }
}
