package org.imagingtriage.topology.review.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.imagingtriage.contract.Decision;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.schemas.registry.SchemaRegistryUnreachableException;
import org.imagingtriage.topology.review.Decisions;
import org.imagingtriage.topology.review.Drafts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorklistFeedTest {

    private static final String DRAFTS = "triage.drafts";
    private static final String REVIEWS = "triage.reviews";
    private static final TopicPartition DRAFTS_0 = new TopicPartition(DRAFTS, 0);
    private static final TopicPartition REVIEWS_0 = new TopicPartition(REVIEWS, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final Worklist worklist = new Worklist(100);
    private final AtomicInteger registryOutages = new AtomicInteger();
    private WorklistFeed feed;

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
    }

    private void topics(long draftsEnd, long reviewsEnd) {
        for (String topic : List.of(DRAFTS, REVIEWS)) {
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), new Node[0],
                    new Node[0])));
        }
        consumer.updateBeginningOffsets(Map.of(DRAFTS_0, 0L, REVIEWS_0, 0L));
        consumer.updateEndOffsets(Map.of(DRAFTS_0, draftsEnd, REVIEWS_0, reviewsEnd));
    }

    private WorklistFeed start() {
        Deserializer<ReviewDecision> decisions = (topic, bytes) -> {
            try {
                return ReviewDecision.fromByteBuffer(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                throw new SerializationException("not a decision");
            }
        };
        Deserializer<DraftFinding> drafts = (topic, bytes) -> {
            if (registryOutages.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new SchemaRegistryUnreachableException("registry down", null);
            }
            return Drafts.deserializer().deserialize(topic, bytes);
        };
        feed = new WorklistFeed(consumer, DRAFTS, REVIEWS, drafts, decisions, worklist).start();
        return feed;
    }

    @Test
    void draftsAndDecisionsFromBothTopicsFillTheWorklistAndUnreadableRecordsAreSkipped() throws Exception {
        // given what the topics held at start: two drafts, a garbage record, a decision
        DraftFinding urgent = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
        DraftFinding routine = Drafts.draft("1.2", Urgency.ROUTINE, Priority.ROUTINE);
        topics(3, 1);
        add(DRAFTS, 0, Drafts.bytes(urgent));
        add(DRAFTS, 1, new byte[] {1, 2, 3});
        add(DRAFTS, 2, Drafts.bytes(routine));
        add(REVIEWS, 0, bytes(Decisions.on(urgent, Decision.ACCEPT)));

        // when
        start().caughtUp().get(30, TimeUnit.SECONDS);

        // then
        assertThat(worklist.snapshot()).extracting(WorklistItem::sopInstanceUid).containsExactly("1.2", "1.1");
        assertThat(worklist.item("1.1").orElseThrow().decided()).isTrue();
        assertThat(feed.skipped()).isEqualTo(1);
        assertThat(feed.running()).isTrue();
    }

    @Test
    void anUnreachableRegistryPausesTheFeedWithoutLosingTheRecord() throws Exception {
        // given a registry that fails the first read
        DraftFinding draft = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
        topics(1, 0);
        registryOutages.set(1);
        add(DRAFTS, 0, Drafts.bytes(draft));
        // the record comes again after the seek back: MockConsumer serves what is added
        add(DRAFTS, 0, Drafts.bytes(draft));

        // when
        start().caughtUp().get(30, TimeUnit.SECONDS);

        // then
        assertThat(worklist.item("1.1")).isPresent();
        assertThat(feed.skipped()).isZero();
    }

    @Test
    void awaitingTheReviewsReturnsOnceEveryDecisionCommittedBeforeTheCallIsRead() throws Exception {
        // given a caught-up feed
        DraftFinding draft = Drafts.draft("1.1", Urgency.URGENT, Priority.STAT);
        topics(1, 0);
        add(DRAFTS, 0, Drafts.bytes(draft));
        start().caughtUp().get(30, TimeUnit.SECONDS);

        // when a decision lands on the reviews topic and the desk waits for it
        consumer.updateEndOffsets(Map.of(REVIEWS_0, 1L));
        add(REVIEWS, 0, bytes(Decisions.on(draft, Decision.REJECT)));
        boolean read = feed.awaitReviewsRead(Duration.ofSeconds(30));

        // then
        assertThat(read).isTrue();
        assertThat(worklist.item("1.1").orElseThrow().decided()).isTrue();
    }

    @Test
    void closingStopsTheLoopAndClosesTheConsumer() throws Exception {
        topics(0, 0);
        start().caughtUp().get(30, TimeUnit.SECONDS);

        feed.close();

        assertThat(feed.running()).isFalse();
        assertThat(consumer.closed()).isTrue();
        assertThat(feed.awaitReviewsRead(Duration.ofMillis(200))).isFalse();
    }

    private void add(String topic, long offset, byte[] value) {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(topic, 0, offset, null, value)));
    }

    private static byte[] bytes(ReviewDecision decision) {
        try {
            ByteBuffer buffer = decision.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
