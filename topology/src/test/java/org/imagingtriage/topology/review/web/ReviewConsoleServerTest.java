package org.imagingtriage.topology.review.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.topology.review.Drafts;
import org.imagingtriage.topology.review.decision.DecisionDesk;
import org.imagingtriage.topology.review.decision.DecisionNotWrittenException;
import org.imagingtriage.topology.review.decision.ReviewMetrics;
import org.imagingtriage.topology.review.web.DraftImageSource.ImageAnswer;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console over real HTTP on loopback, with an in-memory worklist and a writer that records. */
class ReviewConsoleServerTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static String aliceHash;

    private final Worklist worklist = new Worklist(100);
    private final List<ReviewDecision> written = new ArrayList<>();
    private final AtomicBoolean writerDown = new AtomicBoolean();
    private final DraftFinding draft = Drafts.draft("1.2.3", Urgency.URGENT, Priority.STAT);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ReviewConsoleServer server;

    @BeforeAll
    static void hashOnce() {
        aliceHash = new PasswordHashes(new SecureRandom()).hash("correct horse".toCharArray());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(ReviewerIdentity identity, int maxStreams) throws IOException {
        worklist.offerDraft(draft);
        DecisionDesk desk = new DecisionDesk(worklist, decision -> {
            if (writerDown.get()) {
                throw new DecisionNotWrittenException("broker down", null);
            }
            written.add(decision);
        }, () -> true, timeout -> true, Duration.ofSeconds(1), new ReviewMetrics(new SimpleMeterRegistry(), worklist),
                Clock.systemUTC());
        DraftImageSource images = (sop, eventId, inputSha256) -> switch (sop) {
            case "1.2.3" -> ImageAnswer.of(PNG);
            case "4.5.6" -> ImageAnswer.refused("PHI_IN_DICOM_HEADER");
            default -> ImageAnswer.busy("BUSY_TRY_AGAIN");
        };
        server = ReviewConsoleServer.start(new ReviewConsoleSettings("127.0.0.1", 0, identity, maxStreams,
                Duration.ofHours(1)), worklist, desk, images, Clock.systemUTC());
    }

    private void startWithLogin() throws IOException {
        start(new ReviewerIdentity.Login(ReviewerAccounts.of(Map.of("alice", aliceHash),
                new PasswordHashes(new SecureRandom()))), 4);
    }

    private void startWithHeader() throws IOException {
        start(new ReviewerIdentity.Header("X-Forwarded-User"), 1);
    }

    @Test
    void signingInSetsAStrictHttpOnlySessionAndAWrongPasswordGoesBackToTheForm() throws Exception {
        // given
        startWithLogin();

        // when
        HttpResponse<String> page = get("/", Map.of());
        HttpResponse<String> wrong = signIn("alice", "wrong");
        HttpResponse<String> right = signIn("alice", "correct horse");

        // then
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
        assertThat(wrong.statusCode()).isEqualTo(303);
        assertThat(wrong.headers().firstValue("Location")).contains("/login?failed=1");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("triage_session=").contains("HttpOnly", "SameSite=Strict"));
        String cookie = sessionCookie(right);
        HttpResponse<String> crossSite = post("/login", "username=alice&password=correct+horse",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> session = get("/api/session", Map.of("Cookie", cookie));
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("\"reviewer\":\"alice\"", "not a diagnosis");
        assertThat(get("/api/session", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/", Map.of("Cookie", cookie)).headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        startWithLogin();
        String cookie = sessionCookie(signIn("alice", "correct horse"));

        HttpResponse<String> out = post("/logout", "", Map.of("Cookie", cookie, "X-Triage-Request", "1"));

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(get("/api/session", Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    @Test
    void withAProxyHeaderTheReviewerIsItsValueAndAMissingOrOddValueIsRefused() throws Exception {
        startWithHeader();

        assertThat(get("/api/session", Map.of("X-Forwarded-User", "dr.lee@hospital.org")).body())
                .contains("\"reviewer\":\"dr.lee@hospital.org\"", "\"identity\":\"header\"");
        assertThat(get("/api/session", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/session", Map.of("X-Forwarded-User", "<b>x</b>")).statusCode()).isEqualTo(401);
        HttpRequest twice = HttpRequest.newBuilder(uri("/api/session")).header("X-Forwarded-User", "mallory")
                .header("X-Forwarded-User", "dr-lee").GET().build();
        assertThat(http.send(twice, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(get("/login", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/login", Map.of()).body()).contains("X-Forwarded-User header is missing");
    }

    @Test
    void aDecisionIsRecordedOnceAndItsRetryAnsweredWithoutASecondWrite() throws Exception {
        // given
        startWithHeader();
        String id = UUID.randomUUID().toString();

        // when
        HttpResponse<String> first = decide(id, "ACCEPT", null, true);
        HttpResponse<String> retry = decide(id, "ACCEPT", null, true);
        HttpResponse<String> other = decide(UUID.randomUUID().toString(), "REJECT", null, true);

        // then
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"outcome\":\"RECORDED\"", "\"decision\":\"ACCEPT\"",
                "\"reviewer\":\"dr-lee\"");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("\"outcome\":\"ALREADY_RECORDED\"");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("ALREADY_DECIDED", "already has a decision");
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getReviewer()).isEqualTo("dr-lee");
    }

    @Test
    void decisionsWithoutTheRequestHeaderOrWithBadFieldsAreRefused() throws Exception {
        startWithHeader();
        String id = UUID.randomUUID().toString();

        assertThat(decide(id, "ACCEPT", null, false).statusCode()).isEqualTo(403);
        assertThat(decide(id, "MAYBE", null, true).statusCode()).isEqualTo(400);
        assertThat(decide("not-a-uuid", "ACCEPT", null, true).statusCode()).isEqualTo(400);
        assertThat(decide(id, "EDIT", null, true).body()).contains("EDIT needs the edited text");
        assertThat(post("/api/decisions", "{not json", headers(true)).statusCode()).isEqualTo(400);
        assertThat(post("/api/decisions", "{\"decisionId\":\"" + id + "\",\"sopInstanceUid\":\"9.9\",\"eventId\":\""
                + draft.getEventId() + "\",\"decision\":\"ACCEPT\"}", headers(true)).statusCode()).isEqualTo(404);
        assertThat(written).isEmpty();
    }

    @Test
    void aDecisionTheTopicDidNotAcknowledgeIs503AndItsRetryIsRecordedOnce() throws Exception {
        startWithHeader();
        String id = UUID.randomUUID().toString();
        writerDown.set(true);

        HttpResponse<String> down = decide(id, "EDIT", "Corrected text.", true);
        writerDown.set(false);
        HttpResponse<String> retried = decide(id, "EDIT", "Corrected text.", true);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("retry the same action");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getEditedText()).isEqualTo("Corrected text.");
    }

    @Test
    void imagesAreServedOnlyForDraftsOnTheWorklistAndARefusalGivesItsReason() throws Exception {
        startWithHeader();
        Map<String, String> reviewer = Map.of("X-Forwarded-User", "dr-lee");

        HttpResponse<String> image = get(ConsolePaths.image("1.2.3", draft.getEventId()), reviewer);
        HttpResponse<String> notOnTheWorklist = get(ConsolePaths.image("1.2.3", UUID.randomUUID()), reviewer);
        DraftFinding refused = Drafts.draft("4.5.6", Urgency.ROUTINE, Priority.ROUTINE);
        worklist.offerDraft(refused);
        HttpResponse<String> gate = get(ConsolePaths.image("4.5.6", refused.getEventId()), reviewer);

        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(notOnTheWorklist.statusCode()).isEqualTo(404);
        assertThat(gate.statusCode()).isEqualTo(422);
        assertThat(gate.body()).contains("PHI_IN_DICOM_HEADER");
        DraftFinding busy = Drafts.draft("7.7.7", Urgency.ROUTINE, Priority.ROUTINE);
        worklist.offerDraft(busy);
        HttpResponse<String> later = get(ConsolePaths.image("7.7.7", busy.getEventId()), reviewer);
        assertThat(later.statusCode()).isEqualTo(503);
        assertThat(later.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void theStreamSendsASnapshotThenEachChangeAndRefusesConnectionsBeyondItsCap() throws Exception {
        // given the header console, which allows one stream
        startWithHeader();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/stream")).header("X-Forwarded-User", "dr-lee")
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<java.io.InputStream> stream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(100);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The server closed the stream at the end of the test.
            }
        });
        reader.setDaemon(true);
        reader.start();

        // then a snapshot with the draft comes first
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/event-stream"));
        assertThat(nextData(lines, "snapshot")).contains("\"sopInstanceUid\":\"1.2.3\"");

        // when a draft arrives, it is pushed
        worklist.offerDraft(Drafts.draft("7.8.9", Urgency.ROUTINE, Priority.ROUTINE));
        assertThat(nextData(lines, "item")).contains("\"sopInstanceUid\":\"7.8.9\"", "\"decision\":null");

        // and a second stream is over the cap
        assertThat(get("/api/stream", Map.of("X-Forwarded-User", "dr-lee")).statusCode()).isEqualTo(503);
    }

    private static String nextData(BlockingQueue<String> lines, String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean inEvent = false;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("event: " + event)) {
                inEvent = true;
            } else if (inEvent && line.startsWith("data: ")) {
                return line.substring("data: ".length());
            }
        }
        throw new AssertionError("no " + event + " event within 20 s");
    }

    private HttpResponse<String> decide(String id, String decision, String text, boolean marked) throws Exception {
        String body = "{\"decisionId\":\"" + id + "\",\"sopInstanceUid\":\"1.2.3\",\"eventId\":\"" + draft.getEventId()
                + "\",\"decision\":\"" + decision + "\",\"editedText\":" + (text == null ? "null" : "\"" + text + "\"")
                + "}";
        return post("/api/decisions", body, headers(marked));
    }

    private static Map<String, String> headers(boolean marked) {
        return marked ? Map.of("X-Forwarded-User", "dr-lee", "X-Triage-Request", "1", "Content-Type",
                "application/json") : Map.of("X-Forwarded-User", "dr-lee", "Content-Type", "application/json");
    }

    private HttpResponse<String> signIn(String user, String password) throws Exception {
        return post("/login", "username=" + user + "&password=" + password.replace(" ", "+"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
