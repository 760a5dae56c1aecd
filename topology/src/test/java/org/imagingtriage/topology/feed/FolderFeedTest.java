package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.config.LimitSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The folder feed against Kafka's MockProducer, with events Avro-encoded as a real serializer would. */
@Timeout(30)
class FolderFeedTest {

    private static final Instant NOW = Instant.parse("2025-11-20T10:15:30.123456Z");
    private static final String EVENTS = "imaging.events";
    private static final String PRIORITY = "imaging.events.priority";

    @TempDir
    Path directory;

    private final StringWriter console = new StringWriter();
    private final AtomicLong eventIds = new AtomicLong();

    private FolderFeed feed(FeedSettings settings) throws IOException {
        ImageEventFactory events = new ImageEventFactory(FeedFolders.defaults(), UidMinter.random(),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> new UUID(0, eventIds.incrementAndGet()));
        return new FolderFeed(settings, events, new TopicRouter(EVENTS, PRIORITY),
                ReferenceCheck.forLimits(LimitSettings.defaults()), new FeedConsole(new PrintWriter(console, true)),
                System::nanoTime);
    }

    private static MockProducer<String, ImageEvent> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), FeedFolders.avro());
    }

    @Test
    void publishesEveryImageKeyedBySopInstanceUidToTheTopicItsPriorityRoutesTo() throws Exception {
        // given a STAT PNG (by sidecar), a routine JPEG, and a PNG too large to go inline
        byte[] statPng = FeedFolders.png(8);
        byte[] jpeg = FeedFolders.jpeg(8);
        byte[] largePng = FeedFolders.png(200);
        FeedFolders.write(directory, "a-stat.png", statPng);
        FeedFolders.write(directory, "a-stat.png.json", "{\"priority\": \"STAT\", \"modality\": \"CR\"}");
        FeedFolders.write(directory, "b-routine.jpg", jpeg);
        FeedFolders.write(directory, "c-large.png", largePng);
        FeedPlan plan = FeedFolders.planner(Math.max(statPng.length, jpeg.length)).plan(directory, false);
        MockProducer<String, ImageEvent> producer = producer(true);

        // when
        FeedSummary summary = feed(FeedSettings.defaults()).publish(plan, producer);

        // then
        List<ProducerRecord<String, ImageEvent>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly(PRIORITY, EVENTS, EVENTS);
        assertThat(sent).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value().getSopInstanceUid()));
        assertThat(bytes(((InlineImage) sent.get(0).value().getPayload()).getData())).isEqualTo(statPng);
        assertThat(bytes(((InlineImage) sent.get(1).value().getPayload()).getData())).isEqualTo(jpeg);
        ImageRef reference = (ImageRef) sent.get(2).value().getPayload();
        assertThat(reference.getSizeBytes()).isEqualTo(largePng.length);
        assertThat(reference.getUri()).endsWith("/c-large.png");
        assertThat(sent.get(0).value().getPriority()).isEqualTo(Priority.STAT);
        assertThat(sent.get(0).value().getModality()).isEqualTo("CR");
        assertThat(summary.publishedInline()).isEqualTo(2);
        assertThat(summary.publishedByReference()).isEqualTo(1);
        assertThat(summary.publishedBytes()).isEqualTo(statPng.length + jpeg.length + largePng.length);
        assertThat(summary.succeeded(false)).isTrue();
        assertThat(console.toString()).contains("done in", "3 of 3 event(s) published (2 inline, 1 by reference");
    }

    @Test
    void eventsCarryTheRunsClaimsAndNoFileName() throws Exception {
        // given an export whose file name holds a patient's name
        FeedFolders.write(directory, "DOE_JOHN_1961_chest.png", FeedFolders.png(8));
        FeedFolders.write(directory, "DOE_JOHN_1961_chest.png.json", "{\"attributes\": {\"model\": \"DRX-1\"}}");
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);
        MockProducer<String, ImageEvent> producer = producer(true);

        // when
        feed(FeedSettings.defaults()).publish(plan, producer);

        // then
        ImageEvent event = producer.history().get(0).value();
        // The whole name only: the minted UIDs are random digits, which may hold "1961" by chance.
        assertThat(event.toString()).doesNotContain("DOE").doesNotContain("DOE_JOHN_1961");
        assertThat(event.getSource()).isEqualTo(FeedFolders.SOURCE);
        assertThat(event.getAttributes()).containsExactly(Map.entry("model", "DRX-1"));
        assertThat(event.getDeidentification().getAsserted()).isTrue();
        assertThat(event.getDeidentification().getMethod()).isEqualTo(EventDefaults.DEFAULT_DEIDENTIFICATION_METHOD);
        assertThat(event.getEventId()).isEqualTo(new UUID(0, 1));
        assertThat(event.getCreatedAt()).isEqualTo(Instant.parse("2025-11-20T10:15:30.123Z"));
        assertThat(event.getModality()).isEqualTo("OT");
        assertThat(event.getBodyPart()).isNull();
    }

    @Test
    void eachPassIsANewStudyWithASeriesPerDirectory() throws Exception {
        // given two images in the top directory and one below
        FeedFolders.write(directory, "a.png", FeedFolders.png(8));
        FeedFolders.write(directory, "b.png", FeedFolders.png(8));
        FeedFolders.write(directory, "lateral/c.png", FeedFolders.png(8));
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, true);
        MockProducer<String, ImageEvent> producer = producer(true);

        // when published twice
        FeedSummary summary = feed(new FeedSettings(2, Duration.ZERO, false, 100, Duration.ofSeconds(2)))
                .publish(plan, producer);

        // then
        List<ImageEvent> events = producer.history().stream().map(ProducerRecord::value).toList();
        assertThat(summary.published()).isEqualTo(6);
        assertThat(events).extracting(ImageEvent::getSopInstanceUid).doesNotHaveDuplicates();
        List<ImageEvent> first = events.subList(0, 3);
        List<ImageEvent> second = events.subList(3, 6);
        assertThat(first).extracting(ImageEvent::getStudyInstanceUid).containsOnly(first.get(0).getStudyInstanceUid());
        assertThat(second.get(0).getStudyInstanceUid()).isNotEqualTo(first.get(0).getStudyInstanceUid());
        assertThat(first.get(0).getSeriesInstanceUid()).isEqualTo(first.get(1).getSeriesInstanceUid());
        assertThat(first.get(2).getSeriesInstanceUid()).isNotEqualTo(first.get(0).getSeriesInstanceUid());
        assertThat(events).allSatisfy(event -> assertThat(DicomSyntax.isUid(event.getSopInstanceUid())).isTrue());
    }

    @Test
    void aFailedSendFailsItsImageAloneAndIsReportedByName() throws Exception {
        // given three images, the second refused by the broker
        FeedFolders.write(directory, "a.png", FeedFolders.png(8));
        FeedFolders.write(directory, "b.png", FeedFolders.png(8));
        FeedFolders.write(directory, "c.png", FeedFolders.png(8));
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);
        MockProducer<String, ImageEvent> producer = producer(false);
        Thread broker = completeInOrder(producer, 3, Map.of(1, new RecordTooLargeException("too large")));

        // when
        FeedSummary summary = feed(FeedSettings.defaults()).publish(plan, producer);
        broker.join(5_000);

        // then
        assertThat(summary.published()).isEqualTo(2);
        assertThat(summary.failed()).singleElement().satisfies(failed -> {
            assertThat(failed.displayName()).isEqualTo("b.png");
            assertThat(failed.reason()).contains("RecordTooLargeException");
        });
        assertThat(summary.abortReason()).isEmpty();
        assertThat(summary.succeeded(true)).isFalse();
        assertThat(console.toString()).contains("FAILED    b.png: RecordTooLargeException");
    }

    @Test
    void brokersThatDoNotAnswerStopTheRunAndTheRestIsNotSent() throws Exception {
        // given a producer whose metadata wait times out, as KafkaProducer reports it: through the callback
        for (String name : List.of("a.png", "b.png", "c.png")) {
            FeedFolders.write(directory, name, FeedFolders.png(8));
        }
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);
        MockProducer<String, ImageEvent> producer =
                new MockProducer<>(true, null, new StringSerializer(), FeedFolders.avro()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, ImageEvent> record,
                                                            Callback callback) {
                TimeoutException timeout = new TimeoutException("Topic not present in metadata after 60000 ms.");
                callback.onCompletion(null, timeout);
                return CompletableFuture.failedFuture(timeout);
            }
        };

        // when
        FeedSummary summary = feed(FeedSettings.defaults()).publish(plan, producer);

        // then: one failure, not three minutes of timeouts
        assertThat(summary.failed()).hasSize(1);
        assertThat(summary.notSent()).isEqualTo(2);
        assertThat(summary.abortReason()).get().asString().contains("TimeoutException");
        assertThat(console.toString()).contains("stopped early");
    }

    @Test
    void aSerializationFailureStopsTheRun() throws Exception {
        // given a serializer that cannot reach its registry
        FeedFolders.write(directory, "a.png", FeedFolders.png(8));
        FeedFolders.write(directory, "b.png", FeedFolders.png(8));
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);
        Serializer<ImageEvent> unreachable = (topic, event) -> {
            throw new SerializationException("schema registry unreachable at http://registry:8081");
        };
        MockProducer<String, ImageEvent> producer = new MockProducer<>(true, null, new StringSerializer(), unreachable);

        // when
        FeedSummary summary = feed(FeedSettings.defaults()).publish(plan, producer);

        // then
        assertThat(summary.published()).isZero();
        assertThat(summary.failed()).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).contains("registry unreachable"));
        assertThat(summary.notSent()).isEqualTo(1);
        assertThat(summary.abortReason()).get().asString().contains("SerializationException");
    }

    @Test
    void progressIsPrintedAsAcknowledgementsArrive() throws Exception {
        // given
        for (int i = 0; i < 4; i++) {
            FeedFolders.write(directory, "img-" + i + ".png", FeedFolders.png(8));
        }
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);

        // when: a line every two images, and a line per image
        feed(new FeedSettings(1, Duration.ZERO, true, 2, Duration.ofHours(1))).publish(plan, producer(true));

        // then
        assertThat(console.toString()).contains("progress  2/4 acknowledged", "progress  4/4 acknowledged",
                "published img-0.png -> imaging.events[0]@0 (inline");
    }

    @Test
    void aDryRunListsThePlanAndSendsNothing() throws Exception {
        // given
        FeedFolders.write(directory, "a.png", FeedFolders.png(8));
        FeedFolders.write(directory, "a.png.json", "{\"priority\": \"URGENT\", \"modality\": \"DX\"}");
        FeedFolders.write(directory, "notes.txt", "hello");
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);

        // when
        FeedSummary summary = feed(FeedSettings.defaults()).dryRun(plan);

        // then
        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.published()).isEqualTo(1);
        assertThat(summary.succeeded(true)).isTrue();
        assertThat(summary.succeeded(false)).isFalse();
        assertThat(console.toString()).contains("would publish a.png  PNG", "DX - URGENT -> " + PRIORITY,
                "skipped   notes.txt: not an image", "nothing was sent");
    }

    @Test
    void aCancelledRunSendsNothingMoreAndSaysSo() throws Exception {
        // given
        FeedFolders.write(directory, "a.png", FeedFolders.png(8));
        FeedPlan plan = FeedFolders.planner(1 << 20).plan(directory, false);
        FolderFeed feed = feed(FeedSettings.defaults());
        MockProducer<String, ImageEvent> producer = producer(true);

        // when
        feed.cancel();
        FeedSummary summary = feed.publish(plan, producer);

        // then
        assertThat(producer.history()).isEmpty();
        assertThat(summary.notSent()).isEqualTo(1);
        assertThat(summary.abortReason()).contains("interrupted");
    }

    /** Completes the mock's sends in order from another thread, as a broker's I/O thread would. */
    private static Thread completeInOrder(MockProducer<String, ImageEvent> producer, int count,
                                          Map<Integer, RuntimeException> failures) {
        Thread broker = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                RuntimeException failure = failures.get(i);
                while (!(failure == null ? producer.completeNext() : producer.errorNext(failure))) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "mock-broker");
        broker.setDaemon(true);
        broker.start();
        return broker;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
