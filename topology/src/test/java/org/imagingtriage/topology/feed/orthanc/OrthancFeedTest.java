package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.feed.EventDefaults;
import org.imagingtriage.topology.feed.TopicRouter;
import org.imagingtriage.topology.feed.orthanc.OrthancException.Kind;
import org.imagingtriage.topology.http.HttpAuth;
import org.imagingtriage.topology.http.HttpClients;
import org.imagingtriage.topology.http.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feed's loop against a loopback server scripted as Orthanc, and a mock transactional producer. */
class OrthancFeedTest {

    private static final String BROKEN = "aaaaaaaa-aaaaaaaa-aaaaaaaa-aaaaaaaa-aaaaaaaa";
    private static final String GOOD = "bbbbbbbb-bbbbbbbb-bbbbbbbb-bbbbbbbb-bbbbbbbb";
    private static final String CHANGES = """
            {"Changes": [{"ChangeType": "NewInstance", "ID": "%s", "Seq": 1},
                         {"ChangeType": "NewInstance", "ID": "%s", "Seq": 2}], "Done": true, "Last": 2}"""
            .formatted(BROKEN, GOOD);
    private static final String SERIES = "cccccccc-cccccccc-cccccccc-cccccccc-cccccccc";
    private static final String NO_CHANGES = "{\"Changes\": [], \"Done\": true, \"Last\": 2}";

    private final AtomicInteger changesRequests = new AtomicInteger();
    private final AtomicInteger sleeps = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private LocalHttpServer server;
    private MockProducer<String, byte[]> producer;
    private FeedState state;
    private volatile int unavailableChangesAnswers;
    private volatile boolean proxyAnswers;
    private volatile boolean seriesStable;
    private volatile String changesAnswer = CHANGES;
    private FollowMode follow = FollowMode.NEW_INSTANCE;

    @BeforeEach
    void start() {
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        state = new FeedState();
        server = LocalHttpServer.http()
                .on("/changes", this::changes)
                .on("/instances/" + BROKEN, exchange -> respond(exchange, 500, "{\"OrthancStatus\": 1}"))
                .on("/instances/" + GOOD + "/simplified-tags", exchange -> respond(exchange, 200,
                        "{\"SOPInstanceUID\": \"1.2.3\", \"StudyInstanceUID\": \"1.2\", \"SeriesInstanceUID\": "
                                + "\"1.2.1\", \"Modality\": \"MR\"}"))
                .on("/instances/" + GOOD + "/file", exchange -> respond(exchange, 200, "DICM-bytes"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anInstanceOrthancKeepsFailingWhileAnsweringIsSkippedAndTheRestPublished() throws Exception {
        // given: the first instance answers 500 for ever, the log itself answers
        OrthancFeed feed = feed(duration -> sleeps.incrementAndGet());

        // when
        OrthancFeedSummary summary = feed.run();

        // then: the broken one is counted and given up after its attempts; the good one is published
        assertThat(summary.unreadable()).isEqualTo(1);
        assertThat(summary.published()).isEqualTo(1);
        assertThat(server.requests("/instances/" + BROKEN)).isEqualTo(OrthancFeed.MAX_INSTANCE_ATTEMPTS);
        assertThat(state.isPublished("1.2.3")).isTrue();
        assertThat(state.position()).isEqualTo(OptionalLong.of(2));
        assertThat(producer.history()).extracting(ProducerRecord::topic).contains("events");
    }

    @Test
    void anOverloadedOrthancIsWaitedOutHoweverLongItLastsAndNothingIsSkipped() throws Exception {
        // given: the first instance's tags answer 503 (no Orthanc error: overload) more often than
        // the feed would give up on Orthanc's own errors, then answer
        AtomicInteger tagsRequests = new AtomicInteger();
        server.on("/instances/" + BROKEN + "/simplified-tags", exchange -> {
            if (tagsRequests.incrementAndGet() <= OrthancFeed.MAX_INSTANCE_ATTEMPTS + 3) {
                respond(exchange, 503, "");
            } else {
                respond(exchange, 200, "{\"SOPInstanceUID\": \"1.2.9\", \"Modality\": \"CT\"}");
            }
        }).on("/instances/" + BROKEN + "/file", exchange -> respond(exchange, 200, "DICM-other"));
        OrthancFeed feed = feed(duration -> sleeps.incrementAndGet());

        // when
        OrthancFeedSummary summary = feed.run();

        // then: both published, none given up
        assertThat(summary.unreadable()).isZero();
        assertThat(summary.published()).isEqualTo(2);
        assertThat(state.isPublished("1.2.9")).isTrue();
    }

    @Test
    void aProxysNotFoundForTheLogIsWaitedOutNotTakenForTheEnd() throws Exception {
        // given: a proxy answering 404 for the log twice, as while Orthanc restarts behind it
        proxyAnswers = true;
        unavailableChangesAnswers = 2;
        OrthancFeed feed = feed(duration -> sleeps.incrementAndGet());

        // when
        OrthancFeedSummary summary = feed.run();

        // then
        assertThat(sleeps.get()).isGreaterThanOrEqualTo(2);
        assertThat(summary.published()).isEqualTo(1);
        assertThat(state.position()).isEqualTo(OptionalLong.of(2));
        // and only a log read and committed counts as a sign of life, not the waits before it
        assertThat(heartbeats.get()).isEqualTo(1);
    }

    @Test
    void cancellingWhileOrthancIsDownEndsTheRunLikeAnyCancel() throws Exception {
        // given: Orthanc down; Ctrl-C arrives during the first wait
        unavailableChangesAnswers = Integer.MAX_VALUE;
        OrthancFeed[] feed = new OrthancFeed[1];
        feed[0] = feed(duration -> feed[0].cancel());

        // when
        OrthancFeedSummary summary = feed[0].run();

        // then: a summary, not a failure, and nothing published
        assertThat(summary.published()).isZero();
        assertThat(changesRequests.get()).isEqualTo(1);
        assertThat(heartbeats.get()).as("no sign of life while Orthanc is down").isZero();
    }

    @Test
    void aLogShorterThanTheStoredPositionStopsTheFeedWithTheWayOut() {
        // given: a position stored past the end of Orthanc's log (its database was replaced)
        state.moveTo(10);
        OrthancFeed feed = feed(duration -> sleeps.incrementAndGet());

        // then
        assertThatThrownBy(feed::run).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED)).hasMessageContaining("--reset --from BEGINNING");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aSeriesWhoseStableChangeWasLostIsPublishedOnceOrthancSaysItIsStable() throws Exception {
        // given: a log with the instance's NewInstance change but no StableSeries (Orthanc restarted
        // within StableAge), and a series Orthanc first reports as not yet stable
        changesAnswer = """
                {"Changes": [{"ChangeType": "NewInstance", "ID": "%s", "Seq": 1}], "Done": true, "Last": 1}"""
                .formatted(GOOD);
        server.on("/instances/" + GOOD, exchange -> respond(exchange, 200,
                        "{\"ParentSeries\": \"" + SERIES + "\"}"))
                .on("/series/" + SERIES, exchange -> respond(exchange, 200,
                        "{\"Instances\": [\"" + GOOD + "\"], \"IsStable\": " + seriesStable + "}"));
        follow = FollowMode.STABLE_SERIES;

        // when: a first run finds it waiting
        OrthancFeedSummary waiting = feed(duration -> sleeps.incrementAndGet()).run();

        // then: remembered, durably, not published
        assertThat(waiting.published()).isZero();
        assertThat(state.pendingSeries()).containsExactly(SERIES);

        // when: Orthanc now says it is stable
        seriesStable = true;
        OrthancFeedSummary stable = feed(duration -> sleeps.incrementAndGet()).run();

        // then: published and forgotten, a tombstone for its mark
        assertThat(stable.published()).isEqualTo(1);
        assertThat(state.pendingSeries()).isEmpty();
        assertThat(producer.history()).filteredOn(record -> record.key().startsWith("series|"))
                .extracting(record -> record.value() == null).containsExactly(false, true);
    }

    private OrthancFeed feed(OrthancFeed.Sleeper sleeper) {
        OrthancClient client = new OrthancClient(HttpClients.create(Duration.ofSeconds(2), Optional.empty()),
                server.uri(""), HttpAuth.none(), Duration.ofSeconds(5));
        EventDefaults claims = new EventDefaults(Optional.empty(), Optional.empty(), Priority.ROUTINE,
                "orthanc:test", true, Optional.of("test"));
        FeedTransaction transaction = new FeedTransaction(producer,
                (topic, event) -> event.getSopInstanceUid().getBytes(StandardCharsets.UTF_8),
                new TopicRouter("events", "priority"), "state", new FeedStateKeys("orthanc:test"), state, 10,
                Duration.ofSeconds(60).toNanos(), System::nanoTime);
        OrthancFeedOptions options = new OrthancFeedOptions(follow, StartPosition.BEGINNING, false,
                true, 10, Duration.ofMillis(1), 1_000, 10_000, 10, Duration.ofSeconds(60), Duration.ofMillis(1),
                Duration.ofMillis(2), Duration.ofSeconds(60));
        return new OrthancFeed(client, transaction, new InstanceEvents(claims,
                new PriorityRules(List.of(), Priority.ROUTINE), Clock.systemUTC()), options, sleeper, System::nanoTime,
                heartbeats::incrementAndGet);
    }

    private void changes(HttpExchange exchange) throws IOException {
        changesRequests.incrementAndGet();
        if (unavailableChangesAnswers > 0) {
            unavailableChangesAnswers--;
            if (proxyAnswers) {
                respond(exchange, 404, "<html>no backend</html>");
            } else {
                respond(exchange, 503, "");
            }
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        respond(exchange, 200, query != null && query.startsWith("since=0") ? changesAnswer : NO_CHANGES);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        LocalHttpServer.respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }
}
