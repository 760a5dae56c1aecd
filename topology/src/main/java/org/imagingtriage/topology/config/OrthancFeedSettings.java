package org.imagingtriage.topology.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.topology.http.HttpAuth;

/**
 * Where {@code triage feed orthanc} reads from and where it keeps its position.
 *
 * @param url Orthanc's REST root ({@code https://pacs.example.org:8042}), no credentials in it
 * @param auth Orthanc's {@code RegisteredUsers} entry for the feed, or none
 * @param caFile PEM bundle of the CAs to trust for https; empty for the JVM's trust store
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on one whole request, answer body included
 * @param stateTopic the compacted topic that holds every feed's position and published instances
 */
public record OrthancFeedSettings(URI url, HttpAuth auth, Optional<Path> caFile, Duration connectTimeout,
                                  Duration requestTimeout, String stateTopic) {

    public static final String DEFAULT_STATE_TOPIC = "triage.feed.state";

    public OrthancFeedSettings {
        Objects.requireNonNull(url, ConfigKeys.FEED_ORTHANC_URL);
        Objects.requireNonNull(auth, ConfigKeys.FEED_ORTHANC_USERNAME);
        Objects.requireNonNull(caFile, ConfigKeys.FEED_ORTHANC_TLS_CA_FILE);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new TriageConfigException(ConfigKeys.FEED_ORTHANC_URL,
                    ConfigKeys.FEED_ORTHANC_URL + " must be an http or https URL with a host, like https://pacs:8042");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new TriageConfigException(ConfigKeys.FEED_ORTHANC_URL, ConfigKeys.FEED_ORTHANC_URL
                    + " must not carry credentials, a query or a fragment: set " + ConfigKeys.FEED_ORTHANC_USERNAME
                    + " and " + ConfigKeys.FEED_ORTHANC_PASSWORD + " instead");
        }
        caFile.ifPresent(file -> ConfigFiles.requireCaBundle(file, ConfigKeys.FEED_ORTHANC_TLS_CA_FILE));
        requirePositive(connectTimeout, ConfigKeys.FEED_ORTHANC_CONNECT_TIMEOUT_MS);
        requirePositive(requestTimeout, ConfigKeys.FEED_ORTHANC_REQUEST_TIMEOUT_MS);
        if (stateTopic == null || stateTopic.isBlank()) {
            throw new TriageConfigException(ConfigKeys.FEED_STATE_TOPIC, ConfigKeys.FEED_STATE_TOPIC + " must not be blank");
        }
        // The REST paths are appended to the root: one trailing slash less spares a double one.
        String text = url.toString();
        if (text.endsWith("/")) {
            url = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /**
     * @param urlOverride the command line's {@code --url}, which wins over {@code feed.orthanc.url}
     */
    public static OrthancFeedSettings from(ConfigValues values, Optional<String> urlOverride) {
        String text = urlOverride.or(() -> values.string(ConfigKeys.FEED_ORTHANC_URL))
                .orElseThrow(() -> new TriageConfigException(ConfigKeys.FEED_ORTHANC_URL,
                        ConfigKeys.FEED_ORTHANC_URL + " is required (or the option --url): " 
                                + ConfigKey.howToSet(ConfigKeys.FEED_ORTHANC_URL)));
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new TriageConfigException(ConfigKeys.FEED_ORTHANC_URL, ConfigKeys.FEED_ORTHANC_URL + " is not a URL");
        }
        HttpAuth auth;
        try {
            auth = HttpAuth.of(values.string(ConfigKeys.FEED_ORTHANC_USERNAME),
                    values.string(ConfigKeys.FEED_ORTHANC_PASSWORD), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new TriageConfigException(ConfigKeys.FEED_ORTHANC_USERNAME,
                    ConfigKeys.FEED_ORTHANC_USERNAME + "/" + ConfigKeys.FEED_ORTHANC_PASSWORD + ": " + e.getMessage());
        }
        return new OrthancFeedSettings(url, auth, values.path(ConfigKeys.FEED_ORTHANC_TLS_CA_FILE),
                values.millis(ConfigKeys.FEED_ORTHANC_CONNECT_TIMEOUT_MS, 5_000),
                values.millis(ConfigKeys.FEED_ORTHANC_REQUEST_TIMEOUT_MS, 120_000),
                values.string(ConfigKeys.FEED_STATE_TOPIC, DEFAULT_STATE_TOPIC));
    }

    private static void requirePositive(Duration duration, String key) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new TriageConfigException(key, key + " must be positive");
        }
    }
}
