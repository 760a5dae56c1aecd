package org.imagingtriage.topology.imaging.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.net.ProtocolException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.imagingtriage.topology.http.HttpAuth;
import org.imagingtriage.topology.http.HttpOrigin;
import org.imagingtriage.topology.http.HttpPaths;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Opens {@code http://} and {@code https://} references on image servers the configuration
 * allows: Orthanc's {@code /instances/{id}/file}, a DICOMweb instance URL that answers with the
 * DICOM file itself, any server that returns the image file as the whole body.
 *
 * <p>Only URIs whose scheme, host and port (and path prefix, when the origin has one) match a
 * configured origin are requested: the events name the URI, and an unchecked URI would let a feed
 * make the pipeline call any host its network reaches, with the configured credentials. Redirects
 * are never followed for the same reason. Nothing is sent for a refused URI.
 *
 * <p>One deadline covers connecting, the headers and the whole body ({@link DeadlineBodyStream}),
 * so a stalled server costs a stream thread at most {@code timeout} per attempt. The
 * Content-Length, when sent, is the known size the resolver checks before reading.
 *
 * <p>Multipart bodies (DICOMweb's default for instance retrieval) are refused, not parsed: the
 * referenced bytes are what the event's sha256 covers, and a part inside an envelope is not.
 *
 * <p>Failures say what happened with status codes and exception class names only; never the URI,
 * a header value or the body, any of which may carry identity.
 */
public final class HttpReferenceFetcher implements ReferenceFetcher {

    /** DICOM first; anything else the server holds (PNG, JPEG) is taken as it comes. */
    static final String ACCEPT = "application/dicom, */*";

    private final HttpClient client;
    private final List<HttpOrigin> origins;
    private final HttpAuth auth;
    private final Duration timeout;
    private final long maxBodyBytes;

    /**
     * @param client shared by all requests (it holds the connection pool); built by
     *     {@link org.imagingtriage.topology.http.HttpClients}, so it never follows redirects
     * @param origins the only origins requests go to; empty refuses every reference
     * @param timeout the whole exchange: connecting, headers and body
     * @param maxBodyBytes a body is never read past this (the resolver's cap + 1 lets it see
     *     that a body is longer than declared)
     */
    public HttpReferenceFetcher(HttpClient client, List<HttpOrigin> origins, HttpAuth auth, Duration timeout,
                                long maxBodyBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.origins = List.copyOf(origins);
        this.auth = Objects.requireNonNull(auth, "auth");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** For http(s) allowed as schemes but no origin configured: refuses everything, sends nothing. */
    public static ReferenceFetcher allowingNoOrigin() {
        return uri -> {
            throw notAllowed(0);
        };
    }

    @Override
    public OpenedReference open(URI uri) throws ImagingException {
        requireAllowed(uri);
        long deadline = System.nanoTime() + timeout.toNanos();
        DeadlineBodyStream body = new DeadlineBodyStream(deadline, maxBodyBytes);
        HttpResponse<InputStream> response = exchange(request(uri), body, deadline);
        try {
            return opened(response.statusCode(), response.headers(), body);
        } catch (ImagingException refused) {
            body.close();
            throw refused;
        }
    }

    private void requireAllowed(URI uri) throws ImagingException {
        if (uri.isOpaque() || uri.getHost() == null) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "an http(s) reference must be an absolute URI with a host name or address");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "an http(s) reference must not carry user information; credentials come from the configuration");
        }
        if (uri.getRawFragment() != null) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE, "an http(s) reference must not have a fragment");
        }
        if (HttpPaths.hasUnsafeSegment(uri.getRawPath())) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "an http(s) reference's path must not have '.' or '..' segments or encoded slashes");
        }
        if (origins.stream().noneMatch(origin -> origin.admits(uri))) {
            throw notAllowed(origins.size());
        }
    }

    private static ImagingException notAllowed(int configured) {
        return new ImagingException(ImagingReason.REFERENCE_ORIGIN_NOT_ALLOWED, configured == 0
                ? "no http(s) origin is configured (references.http.origins), so no http(s) reference is fetched"
                : "the reference's scheme, host, port or path matches none of the " + configured
                        + " origin(s) in references.http.origins");
    }

    private HttpRequest request(URI uri) throws ImagingException {
        try {
            // The client's own timeout ends the exchange even if cancelling the future did not.
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("Accept", ACCEPT)
                    .timeout(timeout);
            auth.authorization().ifPresent(value -> builder.header("Authorization", value));
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ImagingException(ImagingReason.INVALID_REFERENCE,
                    "the HTTP client refuses the reference URI (" + e.getClass().getSimpleName() + ")");
        }
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, DeadlineBodyStream body, long deadline)
            throws ImagingException {
        // The stream is the body subscriber whatever the status: it never reads more than asked,
        // so an error response's body is dropped unread when the stream is closed.
        CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(request, info -> body);
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(future, body);
            throw readFailed("no response headers within the " + timeout.toMillis() + " ms deadline ("
                    + HttpTimeoutException.class.getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(future, body);
            throw readFailed("interrupted while waiting for the response");
        } catch (ExecutionException e) {
            body.close();
            throw HttpFailures.classify(e.getCause() == null ? e : e.getCause());
        }
    }

    private static void abandon(CompletableFuture<?> future, DeadlineBodyStream body) {
        // Cancelling the future aborts the exchange; closing the body cancels a subscription
        // that arrives after this, so nothing keeps reading for a caller that has gone.
        future.cancel(true);
        body.close();
    }

    private static OpenedReference opened(int status, HttpHeaders headers, DeadlineBodyStream body)
            throws ImagingException {
        if (status != 200) {
            throw HttpFailures.forStatus(status);
        }
        if (headers.firstValue("Content-Type").map(type -> type.trim().toLowerCase(Locale.ROOT))
                .filter(type -> type.startsWith("multipart/")).isPresent()) {
            throw new ImagingException(ImagingReason.REFERENCE_CONTENT_UNSUPPORTED,
                    "the server answered with a multipart body; the URL must return the image file itself "
                            + "(Orthanc /instances/{id}/file, or a DICOMweb server that honours Accept: application/dicom)");
        }
        return new OpenedReference(body, contentLength(headers));
    }

    private static OptionalLong contentLength(HttpHeaders headers) {
        try {
            return headers.firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            // The client refuses a malformed length before this; unknown, the bounded read decides.
            return OptionalLong.empty();
        }
    }

    private static ImagingException readFailed(String detail) {
        return new ImagingException(ImagingReason.REFERENCE_READ_FAILED, detail);
    }

    /** How transport failures and status codes map to reasons. */
    static final class HttpFailures {

        private HttpFailures() {
        }

        static ImagingException forStatus(int status) {
            String answered = "the server answered HTTP " + status;
            return switch (status) {
                case 408, 429, 500, 502, 503, 504 -> new ImagingException(ImagingReason.REFERENCE_READ_FAILED, answered);
                case 404, 410 -> new ImagingException(ImagingReason.REFERENCE_NOT_FOUND, answered);
                case 401, 403 -> new ImagingException(ImagingReason.REFERENCE_ACCESS_DENIED,
                        answered + " (check the references.http credentials)");
                default -> new ImagingException(ImagingReason.REFERENCE_REJECTED, status >= 300 && status < 400
                        ? answered + ", a redirect; redirects are never followed: reference the final location"
                        : answered);
            };
        }

        /**
         * A TLS failure the peer's certificate or protocol causes is a configuration to fix (trust,
         * host name, protocol versions), so it is permanent; a handshake the server cut short
         * (restarting, overloaded) may pass. A response that is not HTTP, or malformed, cannot pass.
         * Everything else on the way (refused, reset, timed out, name not resolved) may pass.
         */
        static ImagingException classify(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof CertificateException || cause instanceof CertPathValidatorException
                        || cause instanceof CertPathBuilderException || cause instanceof SSLPeerUnverifiedException) {
                    return new ImagingException(ImagingReason.REFERENCE_TLS_FAILED,
                            "the server's certificate is not trusted (" + cause.getClass().getSimpleName() + ")");
                }
            }
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SSLException tls && !(cause instanceof SSLHandshakeException)
                        && speaksNoTls(tls)) {
                    return new ImagingException(ImagingReason.REFERENCE_TLS_FAILED,
                            "the server does not speak TLS on that port (" + tls.getClass().getSimpleName() + ")");
                }
                if (cause instanceof SSLHandshakeException tls && refusedByTls(tls)) {
                    return new ImagingException(ImagingReason.REFERENCE_TLS_FAILED,
                            "TLS handshake failed (" + tls.getClass().getSimpleName() + ")");
                }
                if (cause instanceof ProtocolException || cause instanceof NumberFormatException) {
                    return new ImagingException(ImagingReason.REFERENCE_REJECTED,
                            "the server's response is not well-formed HTTP (" + cause.getClass().getSimpleName() + ")");
                }
            }
            String name = failure.getClass().getSimpleName();
            if (failure instanceof HttpConnectTimeoutException || failure instanceof ConnectException) {
                return readFailed("connecting to the server failed (" + name + ")");
            }
            if (failure instanceof HttpTimeoutException) {
                return readFailed("the server did not answer in time (" + name + ")");
            }
            if (failure instanceof IOException) {
                return readFailed("I/O error before the response headers (" + name + ")");
            }
            return readFailed("the HTTP exchange failed (" + name + ")");
        }

        /**
         * A handshake refused by a TLS alert or by protocol and cipher settings that share nothing:
         * configuration. Anything else that ends a handshake (the peer closing or resetting the
         * connection while it restarts) is left to pass as transient; the JDK words these only in
         * its messages.
         */
        /** The JDK's words for a plain-HTTP answer to a TLS client hello. */
        private static boolean speaksNoTls(SSLException tls) {
            String message = tls.getMessage() == null ? "" : tls.getMessage().toLowerCase(Locale.ROOT);
            return message.contains("plaintext") || message.contains("unrecognized ssl message");
        }

        private static boolean refusedByTls(SSLHandshakeException tls) {
            String message = tls.getMessage() == null ? "" : tls.getMessage().toLowerCase(Locale.ROOT);
            return message.contains("alert") || message.contains("no appropriate protocol")
                    || message.contains("cipher suites");
        }
    }
}
