package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.imagingtriage.topology.feed.orthanc.OrthancException.Kind;
import org.imagingtriage.topology.http.HttpAuth;
import org.imagingtriage.topology.http.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on the loopback interface that answers as Orthanc would. */
class OrthancClientTest {

    private static final String INSTANCE = "f689ddd2-662f8fe1-8b18180d-ec2a2cee-937917af";
    private static final HttpAuth AUTH = HttpAuth.basic("feed", "secret");

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private OrthancClient client;

    private record Answer(int status, byte[] body, boolean stallAfterHalf) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        HttpClient http = HttpClients.create(Duration.ofSeconds(2), Optional.empty());
        client = new OrthancClient(http, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), AUTH,
                Duration.ofMillis(1500));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void readsAPageOfChangesWithTheFeedsCredentials() throws Exception {
        // given
        answer("/changes", 200, """
                {"Changes": [{"ChangeType": "NewInstance", "ID": "%s", "Seq": 7, "ResourceType": "Instance"},
                             {"ChangeType": "NewSeries", "ID": "x", "Seq": 8}],
                 "Done": false, "Last": 8}""".formatted(INSTANCE));

        // when
        ChangesPage page = client.changes(6, 2);

        // then
        assertThat(page.changes()).containsExactly(new OrthancChange(7, "NewInstance", INSTANCE),
                new OrthancChange(8, "NewSeries", "x"));
        assertThat(page.done()).isFalse();
        assertThat(page.last()).isEqualTo(8);
        assertThat(authorizations.get("/changes")).isEqualTo(AUTH.authorization().orElseThrow());
    }

    @Test
    void keepsTheTextTagsAndLeavesSequencesOut() throws Exception {
        answer("/instances/" + INSTANCE + "/simplified-tags", 200,
                "{\"SOPInstanceUID\": \"1.2.3\", \"Modality\": \"CT\", \"ReferencedImageSequence\": [{}]}");

        assertThat(client.instanceTags(INSTANCE)).containsExactly(Map.entry("SOPInstanceUID", "1.2.3"),
                Map.entry("Modality", "CT"));
    }

    @Test
    void aFileUpToTheKeepLimitIsKeptAndALargerOneOnlyHashed() throws Exception {
        // given
        byte[] file = new byte[100_000];
        file[5] = 7;
        answers.put("/instances/" + INSTANCE + "/file", new Answer(200, file, false));

        // when
        ReceivedBody kept = client.download(INSTANCE, 100_000, 100_000);
        ReceivedBody hashed = client.download(INSTANCE, 99_999, 100_000);

        // then: a file over the maximum is not read to its end
        assertThatThrownBy(() -> client.download(INSTANCE, 10, 99_999)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        assertThat(kept.bytes()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(file));
        assertThat(kept.sha256Hex()).isEqualTo(sha256);
        assertThat(hashed.bytes()).isEmpty();
        assertThat(hashed.size()).isEqualTo(file.length);
        assertThat(hashed.sha256Hex()).isEqualTo(sha256);
    }

    @Test
    void statusesAreSortedIntoWaitSkipAndStop() {
        answer("/series/" + INSTANCE, 503, "busy");
        answer("/instances/" + INSTANCE + "/simplified-tags", 404,
                "{\"HttpStatus\": 404, \"Message\": \"Unknown resource\", \"OrthancStatus\": 17}");
        answer("/changes", 401, "");
        answer("/instances/" + INSTANCE + "/file", 429, "");

        assertThatThrownBy(() -> client.series(INSTANCE)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThatThrownBy(() -> client.instanceTags(INSTANCE)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.GONE));
        assertThatThrownBy(() -> client.changes(0, 10)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED)).hasMessageContaining("401")
                .hasMessageContaining("feed.orthanc.username");
        assertThatThrownBy(() -> client.download(INSTANCE, 10, 100)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    @Test
    void a404ThatIsNotOrthancsOwnMeansUnavailableNotDeleted() {
        // given: a reverse proxy in front of a stopped Orthanc, answering 404 with a page of its own
        answer("/instances/" + INSTANCE + "/simplified-tags", 404, "<html>Not Found</html>");

        // then: the feed waits for Orthanc instead of skipping the instance as deleted
        assertThatThrownBy(() -> client.instanceTags(INSTANCE)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    @Test
    void aServerThatStallsMidBodyIsUnavailableOnceTheDeadlinePasses() {
        // given: a file whose answer stops half way and never ends
        answers.put("/instances/" + INSTANCE + "/file", new Answer(200, new byte[64_000], true));

        // then: the call returns, as a failure to wait out, not a hang
        assertThatThrownBy(() -> client.download(INSTANCE, 100_000, 100_000)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE)).hasMessageContaining("did not complete");
    }

    @Test
    void nothingListeningIsUnavailableAndTheMessageNamesThePathNotTheResource() throws Exception {
        // given: the server gone
        server.stop(0);

        // then
        assertThatThrownBy(() -> client.instanceTags(INSTANCE)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("/instances/{id}/simplified-tags").doesNotContain(INSTANCE);
        });
    }

    @Test
    void resourceIdsThatAreNotOrthancsAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.fileUri("../../system")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.instanceTags("../../tools/reset")).isInstanceOf(IllegalArgumentException.class);
        assertThat(authorizations).as("no request reached the server").isEmpty();
    }

    private void answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body.getBytes(StandardCharsets.UTF_8), false));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                .ifPresent(value -> authorizations.put(path, value));
        Answer answer = answers.getOrDefault(path, new Answer(404, new byte[0], false));
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length == 0) {
            exchange.close();
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            if (answer.stallAfterHalf()) {
                out.write(answer.body(), 0, answer.body().length / 2);
                out.flush();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            out.write(answer.body());
        }
    }
}
