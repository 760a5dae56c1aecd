package org.imagingtriage.topology.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A server the pipeline may send requests to: scheme, host and port, normalised (lower-case
 * scheme and host, the default port made explicit), and optionally a path prefix the request's
 * path must lie under.
 *
 * <p>Comparing the normalised parts, never the spelling, is what makes the allow-list hold:
 * {@code HTTPS://PACS.example:443/} and {@code https://pacs.example/} are one origin, while
 * {@code https://pacs.example.evil/} and {@code https://pacs.example:8443/} are others.
 *
 * @param pathPrefix empty for the whole origin; else a raw (percent-encoded) path starting with
 *     {@code /} and not ending with one, matched on whole segments
 */
public record HttpOrigin(String scheme, String host, int port, String pathPrefix) {

    public HttpOrigin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the scheme must be http or https, lower-case");
        }
        if (host.isEmpty() || !host.equals(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the host must be non-empty and lower-case");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port must be 1..65535");
        }
        if (!pathPrefix.isEmpty() && (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/"))) {
            throw new IllegalArgumentException("a path prefix must start with '/' and not end with one");
        }
    }

    /**
     * Parses {@code scheme://host[:port][/path]} as an operator writes it in the configuration.
     * The message of a refusal describes what is wrong, never the text: a credential pasted into
     * the wrong setting must not reach a log.
     */
    public static HttpOrigin parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("it is not a URI");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("it carries user information; set credentials in their own keys");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("it has a query or a fragment");
        }
        HttpOrigin origin = of(uri).orElseThrow(() ->
                new IllegalArgumentException("it is not scheme://host[:port][/path] with scheme http or https"));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (HttpPaths.hasUnsafeSegment(path)) {
            throw new IllegalArgumentException("its path has '.' or '..' segments or encoded slashes");
        }
        // "/dicom-web/" and "/dicom-web" mean the same prefix; "/" means none.
        String prefix = path.replaceAll("/+$", "");
        return new HttpOrigin(origin.scheme, origin.host, origin.port, prefix);
    }

    /**
     * The origin of an absolute http(s) URI, without path prefix; empty when the URI has no
     * http(s) scheme or no server-based authority.
     */
    public static Optional<HttpOrigin> of(URI uri) {
        if (uri.isOpaque() || uri.getScheme() == null || uri.getHost() == null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort;
        switch (scheme) {
            case "http" -> defaultPort = 80;
            case "https" -> defaultPort = 443;
            default -> {
                return Optional.empty();
            }
        }
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65_535) {
            return Optional.empty();
        }
        return Optional.of(new HttpOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, ""));
    }

    /** Whether {@code uri}'s scheme, host and port are this origin's and its path lies under the prefix. */
    public boolean admits(URI uri) {
        return of(uri).filter(this::sameServer).isPresent() && coversPath(uri.getRawPath());
    }

    private boolean sameServer(HttpOrigin other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    private boolean coversPath(String rawPath) {
        if (pathPrefix.isEmpty()) {
            return true;
        }
        // Whole segments: the prefix /dicom-web does not cover /dicom-web-admin.
        return rawPath != null && (rawPath.equals(pathPrefix) || rawPath.startsWith(pathPrefix + "/"));
    }

    /** {@code scheme://host:port/prefix}: configuration, never a reference, so fit for logs. */
    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + pathPrefix;
    }
}
