package org.imagingtriage.topology.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way this project builds a {@link HttpClient} for servers that hold images (Orthanc,
 * DICOMweb): HTTP/1.1, a connect timeout, redirects never followed (a redirect could lead a
 * request, and its credentials, to a host nobody allowed), and an optional CA bundle.
 *
 * <p>A client is meant to live as long as its owner and be shared by all its requests: it keeps
 * the connection pool.
 */
public final class HttpClients {

    private HttpClients() {
    }

    /**
     * @param caFile PEM bundle of the CAs to trust for https; empty for the JVM's trust store
     * @throws IllegalArgumentException when the bundle cannot be read or holds no certificate
     */
    public static HttpClient create(Duration connectTimeout, Optional<Path> caFile) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        caFile.ifPresent(file -> {
            try {
                builder.sslContext(HttpTrust.trusting(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CA bundle " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the CA bundle " + file + " is not usable: " + e.getMessage(), e);
            }
        });
        return builder.build();
    }
}
