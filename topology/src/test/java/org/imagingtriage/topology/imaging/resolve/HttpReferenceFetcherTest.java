package org.imagingtriage.topology.imaging.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.topology.http.HttpAuth;
import org.imagingtriage.topology.http.HttpClients;
import org.imagingtriage.topology.http.HttpOrigin;
import org.imagingtriage.topology.http.LocalHttpServer;
import org.imagingtriage.topology.http.SelfSignedTls;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The http(s) fetcher against the JDK's own HTTP and HTTPS servers on the loopback interface,
 * through the real resolver: what is sent, what is refused before sending, and how each answer
 * and failure is classified.
 */
class HttpReferenceFetcherTest {

    private static final byte[] IMAGE = "DICM pretend these are the bytes of an instance file".getBytes(StandardCharsets.UTF_8);
    private static final ResolverLimits LIMITS = new ResolverLimits(64, 1024);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Short, so the stall tests end quickly; the assertions are on outcomes, not on durations. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** A guard against a hanging test, far above every deadline here. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final String INSTANCE = "/instances/0a1b2c3d-4e5f/file";

    @TempDir
    Path temp;

    private LocalHttpServer server = LocalHttpServer.http();
    private final HttpClient client = HttpClients.create(Duration.ofSeconds(2), Optional.empty());

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aGoodFetchResolvesAndVerifiesTheSha256() throws Exception {
        // given
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));

        // when
        byte[] resolved = resolver(fetcher(HttpAuth.none(), TIMEOUT)).resolve(ref(server.uri(INSTANCE)));

        // then
        assertThat(resolved).isEqualTo(IMAGE);
        assertThat(server.requestHeaders()).singleElement()
                .satisfies(headers -> assertThat(headers.get("Accept")).containsExactly("application/dicom, */*"))
                .satisfies(headers -> assertThat(headers).doesNotContainKey("Authorization"));
    }

    @Test
    void aBodyThatDiffersFromTheDeclaredHashIsASha256Mismatch() {
        // given
        byte[] tampered = IMAGE.clone();
        tampered[0] ^= 1;
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, 200, tampered));

        // when
        ImagingException refused = refusal(resolver(fetcher(HttpAuth.none(), TIMEOUT)), ref(server.uri(INSTANCE)));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.SHA256_MISMATCH);
    }

    @Test
    void basicAuthIsSentAndItsAbsenceIsAccessDenied() throws Exception {
        // given: a server that wants the one user and password
        HttpAuth reader = HttpAuth.basic("reader", "s3cret");
        server.on(INSTANCE, exchange -> {
            boolean authorised = reader.authorization().get()
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            LocalHttpServer.respond(exchange, authorised ? 200 : 401, authorised ? IMAGE : new byte[0]);
        });

        // when
        byte[] resolved = resolver(fetcher(reader, TIMEOUT)).resolve(ref(server.uri(INSTANCE)));
        ImagingException anonymous = refusal(resolver(fetcher(HttpAuth.none(), TIMEOUT)), ref(server.uri(INSTANCE)));

        // then
        assertThat(resolved).isEqualTo(IMAGE);
        assertPermanent(anonymous, ImagingReason.REFERENCE_ACCESS_DENIED);
        assertThat(anonymous.detail()).contains("401").doesNotContain("s3cret");
    }

    @Test
    void aBearerTokenIsSent() throws Exception {
        // given
        server.on(INSTANCE, exchange -> {
            boolean authorised = "Bearer abc.def".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            LocalHttpServer.respond(exchange, authorised ? 200 : 403, authorised ? IMAGE : new byte[0]);
        });

        // when
        byte[] resolved = resolver(fetcher(HttpAuth.bearer("abc.def"), TIMEOUT)).resolve(ref(server.uri(INSTANCE)));
        ImagingException wrongToken = refusal(resolver(fetcher(HttpAuth.bearer("other"), TIMEOUT)),
                ref(server.uri(INSTANCE)));

        // then
        assertThat(resolved).isEqualTo(IMAGE);
        assertPermanent(wrongToken, ImagingReason.REFERENCE_ACCESS_DENIED);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {404, 410})
    void aMissingInstanceIsNotFound(int status) {
        // given
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, status,
                "no instance for patient DOE^JANE".getBytes(StandardCharsets.UTF_8)));

        // when
        ImagingException refused = refusal(resolver(fetcher(HttpAuth.none(), TIMEOUT)), ref(server.uri(INSTANCE)));

        // then
        assertPermanent(refused, ImagingReason.REFERENCE_NOT_FOUND);
        assertThat(refused.detail()).contains(String.valueOf(status)).doesNotContain("DOE");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void anOverloadedOrFailingServerIsTransient(int status) {
        // given
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, status, new byte[0]));

        // when
        ImagingException refused = refusal(resolver(fetcher(HttpAuth.none(), TIMEOUT)), ref(server.uri(INSTANCE)));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.REFERENCE_READ_FAILED);
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.detail()).isEqualTo("the server answered HTTP " + status);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {204, 400, 405, 406, 501, 505})
    void otherAnswersAreRejected(int status) {
        // given
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, status, new byte[0]));

        // when
        ImagingException refused = refusal(resolver(fetcher(HttpAuth.none(), TIMEOUT)), ref(server.uri(INSTANCE)));

        // then
        assertPermanent(refused, ImagingReason.REFERENCE_REJECTED);
        assertThat(refused.detail()).contains(String.valueOf(status));
    }

    @Test
    void aRedirectIsNotFollowed() {
        // given: the target would serve the image
        server.on("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", server.uri(INSTANCE).toString());
            LocalHttpServer.respond(exchange, 302, new byte[0]);
        });
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));

        // when
        ImagingException refused = refusal(resolver(fetcher(HttpAuth.basic("reader", "pw"), TIMEOUT)),
                ref(server.uri("/moved")));

        // then
        assertPermanent(refused, ImagingReason.REFERENCE_REJECTED);
        assertThat(refused.detail()).contains("302", "redirect");
        assertThat(server.requests(INSTANCE)).isZero();
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        // given: a port nothing listens on any more
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closedPort + INSTANCE);

        // when
        ImagingException refused = refusal(resolver(fetcher(List.of(HttpOrigin.parse("http://127.0.0.1:" + closedPort)),
                HttpAuth.none(), TIMEOUT)), ref(uri));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.REFERENCE_READ_FAILED);
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.detail()).contains("ConnectException").doesNotContain(String.valueOf(closedPort));
    }

    @Test
    void aServerThatStallsMidBodyIsTransientOnceTheDeadlinePasses() {
        // given: half the body, then nothing
        server.on(INSTANCE, exchange -> {
            exchange.sendResponseHeaders(200, IMAGE.length);
            OutputStream body = exchange.getResponseBody();
            body.write(IMAGE, 0, IMAGE.length / 2);
            body.flush();
            server.awaitRelease();
        });
        ImageResolver resolver = resolver(fetcher(HttpAuth.none(), SHORT_TIMEOUT));

        // when
        ImagingException refused = assertTimeoutPreemptively(HANG_GUARD,
                () -> refusal(resolver, ref(server.uri(INSTANCE))));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.REFERENCE_READ_FAILED);
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.detail()).contains("HttpTimeoutException");
    }

    @Test
    void aServerThatNeverAnswersIsTransientOnceTheDeadlinePasses() {
        // given
        server.on(INSTANCE, exchange -> server.awaitRelease());
        ImageResolver resolver = resolver(fetcher(HttpAuth.none(), SHORT_TIMEOUT));

        // when
        ImagingException refused = assertTimeoutPreemptively(HANG_GUARD,
                () -> refusal(resolver, ref(server.uri(INSTANCE))));

        // then
        assertThat(refused.reason()).isEqualTo(ImagingReason.REFERENCE_READ_FAILED);
        assertThat(refused.isTransient()).isTrue();
        // Whichever fires first, our wait or the client's own request timeout, it is a timeout.
        assertThat(refused.detail()).contains("HttpTimeoutException");
    }

    @Test
    void aContentLengthOtherThanTheDeclaredSizeIsRefusedBeforeReading() {
        // given: the declared size is one more than the server's length
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));

        // when
        ImagingException refused = refusal(resolver(fetcher(HttpAuth.none(), TIMEOUT)),
                new ImageRef(server.uri(INSTANCE).toString(), sha256(IMAGE), (long) IMAGE.length + 1));

        // then
        assertPermanent(refused, ImagingReason.SIZE_MISMATCH);
        assertThat(refused.detail()).isEqualTo("the reference holds " + IMAGE.length + " bytes, not the declared "
                + (IMAGE.length + 1));
    }

    @Test
    void aBodyLongerThanDeclaredIsASizeMismatchWithoutReadingItAll() {
        // given: a chunked body (no Content-Length) that would go on for 64 MiB
        long endless = 64L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        AtomicBoolean cutOff = new AtomicBoolean();
        server.on(INSTANCE, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) 7);
            try (OutputStream body = exchange.getResponseBody()) {
                while (written.get() < endless) {
                    body.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                cutOff.set(true);
            }
        });

        // when
        ImagingException refused = assertTimeoutPreemptively(HANG_GUARD, () -> refusal(
                resolver(fetcher(HttpAuth.none(), TIMEOUT)), ref(server.uri(INSTANCE))));

        // then: the client hung up long before the end
        assertPermanent(refused, ImagingReason.SIZE_MISMATCH);
        assertThat(refused.detail()).contains("more than the declared " + IMAGE.length);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            while (!cutOff.get()) {
                Thread.sleep(10);
            }
        });
        assertThat(written.get()).isLessThan(endless);
    }

    @Test
    void aMultipartAnswerIsRefused() {
        // given: what a DICOMweb server sends by default
        server.on(INSTANCE, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "multipart/related; type=\"application/dicom\"");
            LocalHttpServer.respond(exchange, 200, IMAGE);
        });

        // when
        ImagingException refused = refusal(resolver(fetcher(HttpAuth.none(), TIMEOUT)), ref(server.uri(INSTANCE)));

        // then
        assertPermanent(refused, ImagingReason.REFERENCE_CONTENT_UNSUPPORTED);
    }

    @Test
    void aUriOutsideTheAllowedOriginsIsRefusedWithoutARequest() {
        // given: one allowed origin, with a path prefix
        server.on("/", exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));
        List<HttpOrigin> origins = List.of(HttpOrigin.parse("http://127.0.0.1:" + server.port() + "/instances"));
        ImageResolver resolver = resolver(fetcher(origins, HttpAuth.basic("reader", "pw"), TIMEOUT));
        List<String> elsewhere = List.of(
                "http://localhost:" + server.port() + INSTANCE,
                "https://127.0.0.1:" + server.port() + INSTANCE,
                "http://127.0.0.1:" + (server.port() == 65_535 ? 1 : server.port() + 1) + INSTANCE,
                "http://127.0.0.1:" + server.port() + "/instances-admin/x",
                "http://127.0.0.1:" + server.port() + "/tools/reset");

        // when / then
        for (String uri : elsewhere) {
            ImagingException refused = refusal(resolver, ref(URI.create(uri)));
            assertPermanent(refused, ImagingReason.REFERENCE_ORIGIN_NOT_ALLOWED);
            assertThat(refused.detail()).doesNotContain("instances", "tools", "localhost");
        }
        assertThat(server.requests()).isZero();
    }

    @Test
    void malformedHttpReferencesAreInvalidWithoutARequest() {
        // given
        server.on("/", exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));
        ImageResolver resolver = resolver(fetcher(HttpAuth.none(), TIMEOUT));
        String base = "http://127.0.0.1:" + server.port();
        List<String> malformed = List.of(
                "http://user:pw@127.0.0.1:" + server.port() + INSTANCE,
                base + "/instances/../tools/reset",
                base + "/instances/%2e%2e/tools/reset",
                base + "/instances/a%2Fb/file",
                base + INSTANCE + "#part",
                "http:opaque");

        // when / then
        for (String uri : malformed) {
            ImagingException refused = refusal(resolver, ref(URI.create(uri)));
            assertPermanent(refused, ImagingReason.INVALID_REFERENCE);
            assertThat(refused.detail()).doesNotContain("user:", "pw@", "tools");
        }
        assertThat(server.requests()).isZero();
    }

    @Test
    void withoutAnyOriginEveryReferenceIsRefused() {
        // given
        server.on("/", exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));
        ImageResolver resolver = new ImageResolver(LIMITS, Map.of("http", HttpReferenceFetcher.allowingNoOrigin()));

        // when
        ImagingException refused = refusal(resolver, ref(server.uri(INSTANCE)));

        // then
        assertPermanent(refused, ImagingReason.REFERENCE_ORIGIN_NOT_ALLOWED);
        assertThat(refused.detail()).contains("references.http.origins");
        assertThat(server.requests()).isZero();
    }

    @Test
    void httpsResolvesWithTheCaBundleAndFailsPermanentlyWithoutIt() throws Exception {
        // given: a server whose certificate only the generated CA file vouches for
        SelfSignedTls tls = SelfSignedTls.generate(temp);
        server.close();
        server = LocalHttpServer.https(tls.serverContext());
        server.on(INSTANCE, exchange -> LocalHttpServer.respond(exchange, 200, IMAGE));
        List<HttpOrigin> origins = List.of(HttpOrigin.parse("https://127.0.0.1:" + server.port()));
        HttpReferenceFetcher trusting = new HttpReferenceFetcher(
                HttpClients.create(Duration.ofSeconds(2), Optional.of(tls.caFile())), origins, HttpAuth.none(),
                TIMEOUT, LIMITS.maxReferenceBytes() + 1L);
        HttpReferenceFetcher jvmTrustStore = new HttpReferenceFetcher(
                HttpClients.create(Duration.ofSeconds(2), Optional.empty()), origins, HttpAuth.none(),
                TIMEOUT, LIMITS.maxReferenceBytes() + 1L);

        // when
        byte[] resolved = resolver(trusting).resolve(ref(server.uri(INSTANCE)));
        ImagingException untrusted = refusal(resolver(jvmTrustStore), ref(server.uri(INSTANCE)));

        // then
        assertThat(resolved).isEqualTo(IMAGE);
        assertPermanent(untrusted, ImagingReason.REFERENCE_TLS_FAILED);
        assertThat(untrusted.detail()).startsWith("the server's certificate is not trusted");
    }

    @Test
    void aHandshakeTheServerCutsShortIsTransientAndAMalformedResponsePermanent() throws Exception {
        // given: a TLS port that accepts and closes at once (restarting, overloaded), and an HTTP
        // port that answers with an unparsable Content-Length
        try (RawServer closing = new RawServer(new byte[0]);
             RawServer malformed = new RawServer(
                     "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
             RawServer plain = new RawServer(
                     "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            List<HttpOrigin> origins = List.of(HttpOrigin.parse("https://127.0.0.1:" + closing.port()),
                    HttpOrigin.parse("http://127.0.0.1:" + malformed.port()),
                    HttpOrigin.parse("https://127.0.0.1:" + plain.port()));
            ImageResolver resolver = resolver(fetcher(origins, HttpAuth.none(), Duration.ofSeconds(5)));

            // when
            ImagingException cut = refusal(resolver, ref(URI.create("https://127.0.0.1:" + closing.port() + INSTANCE)));
            ImagingException bad = refusal(resolver, ref(URI.create("http://127.0.0.1:" + malformed.port() + INSTANCE)));
            ImagingException notTls = refusal(resolver, ref(URI.create("https://127.0.0.1:" + plain.port() + INSTANCE)));

            // then
            assertThat(cut.reason()).isEqualTo(ImagingReason.REFERENCE_READ_FAILED);
            assertThat(cut.isTransient()).isTrue();
            assertPermanent(bad, ImagingReason.REFERENCE_REJECTED);
            assertPermanent(notTls, ImagingReason.REFERENCE_TLS_FAILED);
        }
    }

    /** Answers every connection with fixed bytes, then closes it: what no well-behaved server does. */
    private static final class RawServer implements AutoCloseable {
        private final java.net.ServerSocket socket;
        private final Thread acceptor;

        RawServer(byte[] answer) throws java.io.IOException {
            socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket connection = socket.accept()) {
                        connection.getOutputStream().write(answer);
                        connection.getOutputStream().flush();
                    } catch (java.io.IOException closed) {
                        // The test ended, or the client went first.
                    }
                }
            }, "raw-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    private HttpReferenceFetcher fetcher(HttpAuth auth, Duration timeout) {
        return fetcher(List.of(HttpOrigin.parse("http://127.0.0.1:" + server.port())), auth, timeout);
    }

    private HttpReferenceFetcher fetcher(List<HttpOrigin> origins, HttpAuth auth, Duration timeout) {
        return new HttpReferenceFetcher(client, origins, auth, timeout, LIMITS.maxReferenceBytes() + 1L);
    }

    private static ImageResolver resolver(ReferenceFetcher fetcher) {
        return new ImageResolver(LIMITS, Map.of("http", fetcher, "https", fetcher));
    }

    private static ImageRef ref(URI uri) {
        return new ImageRef(uri.toString(), sha256(IMAGE), (long) IMAGE.length);
    }

    private static ImagingException refusal(ImageResolver resolver, ImageRef ref) {
        ImagingException refused = catchThrowableOfType(ImagingException.class, () -> resolver.resolve(ref));
        assertThat(refused).as("refused").isNotNull();
        // Whatever the reason, nothing of the URI reaches the detail.
        URI uri = URI.create(ref.getUri());
        assertThat(refused.detail()).doesNotContain("127.0.0.1", "0a1b2c3d");
        if (uri.getPort() > 0) {
            assertThat(refused.detail()).doesNotContain(":" + uri.getPort());
        }
        assertThat(refused.getCause()).isNull();
        return refused;
    }

    private static void assertPermanent(ImagingException refused, ImagingReason reason) {
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.isTransient()).isFalse();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
