package org.imagingtriage.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach a Confluent-API schema registry. Built from Confluent's client config names so
 * that a config written for Confluent's serializers works here unchanged and vice versa.
 *
 * @param urls         registry base URLs, tried in order when one is unreachable
 * @param userInfo     {@code user:password} for HTTP basic auth, if any
 * @param connectTimeout  TCP connect timeout per attempt
 * @param requestTimeout  whole-response timeout per attempt
 * @param maxRetries   retries after the first attempt, for unreachable registries and 5xx/429 answers
 * @param retryWait    first backoff; doubled per retry up to {@code retryMaxWait}
 * @param retryMaxWait the longest backoff
 * @param latestCacheTtl how long a subject's latest version is cached; {@code null} caches forever
 */
public record RegistryClientConfig(
        List<URI> urls,
        Optional<String> userInfo,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryWait,
        Duration retryMaxWait,
        Duration latestCacheTtl) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String LEGACY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    private static final String PREFIX = "schema.registry.";

    public RegistryClientConfig {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new ConfigException(URL + " must name at least one registry URL");
        }
        urls = List.copyOf(urls);
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new ConfigException(URL + " must use http or https: " + withoutUserInfo(url));
            }
        }
        Objects.requireNonNull(userInfo, "userInfo");
        userInfo.ifPresent(info -> {
            if (!info.contains(":")) {
                throw new ConfigException(USER_INFO + " must have the form user:password");
            }
        });
        requirePositive(connectTimeout, CONNECT_TIMEOUT_MS);
        requirePositive(requestTimeout, READ_TIMEOUT_MS);
        if (maxRetries < 0) {
            throw new ConfigException(MAX_RETRIES + " must not be negative");
        }
        requirePositive(retryWait, RETRIES_WAIT_MS);
        requirePositive(retryMaxWait, RETRIES_MAX_WAIT_MS);
    }

    /** A config for one URL with this project's defaults. */
    public static RegistryClientConfig forUrl(String url) {
        return fromConfluentConfigs(Map.of(URL, url));
    }

    /**
     * Reads Confluent's names. Client settings may also carry the {@code schema.registry.} prefix,
     * as Confluent's serializers accept. Defaults: 10 s connect, 30 s read, 3 retries waiting
     * 1 s doubling to 20 s, latest versions cached forever.
     */
    public static RegistryClientConfig fromConfluentConfigs(Map<String, ?> configs) {
        ConfigReader reader = new ConfigReader(configs);
        String urlList = reader.string(URL)
                .orElseThrow(() -> new ConfigException(URL + " is required"));
        List<URI> urls = Arrays.stream(urlList.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(RegistryClientConfig::parseUrl)
                .toList();
        String source = reader.string(CREDENTIALS_SOURCE, PREFIX + CREDENTIALS_SOURCE).orElse("URL");
        Optional<String> userInfo = switch (source) {
            case "USER_INFO" -> Optional.of(reader.string(USER_INFO, LEGACY_USER_INFO, PREFIX + USER_INFO)
                    .orElseThrow(() -> new ConfigException(
                            CREDENTIALS_SOURCE + "=USER_INFO requires " + USER_INFO)));
            case "URL" -> Optional.ofNullable(urls.get(0).getUserInfo());
            default -> throw new ConfigException(CREDENTIALS_SOURCE + " must be URL or USER_INFO");
        };
        long ttlSeconds = reader.number(-1, LATEST_CACHE_TTL_SEC, PREFIX + LATEST_CACHE_TTL_SEC);
        return new RegistryClientConfig(
                urls,
                userInfo,
                Duration.ofMillis(reader.number(10_000, CONNECT_TIMEOUT_MS, PREFIX + CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(reader.number(30_000, READ_TIMEOUT_MS, PREFIX + READ_TIMEOUT_MS)),
                Math.toIntExact(reader.number(3, MAX_RETRIES, PREFIX + MAX_RETRIES)),
                Duration.ofMillis(reader.number(1_000, RETRIES_WAIT_MS, PREFIX + RETRIES_WAIT_MS)),
                Duration.ofMillis(reader.number(20_000, RETRIES_MAX_WAIT_MS, PREFIX + RETRIES_MAX_WAIT_MS)),
                ttlSeconds < 0 ? null : Duration.ofSeconds(ttlSeconds));
    }

    /** The URL as it may appear in logs and messages: user info removed. */
    public static String withoutUserInfo(URI url) {
        if (url.getUserInfo() == null) {
            return url.toString();
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + Objects.toString(url.getRawPath(), "");
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(URL + " has an entry that is not an absolute URL");
        }
    }

    private static void requirePositive(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(key + " must be positive");
        }
    }
}
