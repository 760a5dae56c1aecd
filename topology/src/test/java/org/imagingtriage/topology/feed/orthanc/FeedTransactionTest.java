package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.feed.TopicRouter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedTransactionTest {

    private static final String STATE = "feed-state";
    private final FeedStateKeys keys = new FeedStateKeys("orthanc:pacs:8042");
    private final AtomicLong nanos = new AtomicLong();
    private MockProducer<String, byte[]> producer;
    private FeedState state;
    private FeedTransaction transaction;

    @BeforeEach
    void setUp() {
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        state = new FeedState();
        transaction = new FeedTransaction(producer, (topic, event) -> event.getSopInstanceUid().getBytes(
                StandardCharsets.UTF_8), new TopicRouter("events", "priority"), STATE, keys, state, 2, 1_000, nanos::get);
    }

    @Test
    void aCommitWritesTheEventsTheirMarksAndThePositionTogether() {
        // given
        transaction.publish(event("1.2.3", Priority.ROUTINE));
        transaction.publish(event("1.2.4", Priority.STAT));
        transaction.handledUpTo(42);

        // when
        int committed = transaction.commit();

        // then: events routed by priority, each marked, the position last, in one committed transaction
        assertThat(committed).isEqualTo(2);
        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("events", "1.2.3"),
                org.assertj.core.groups.Tuple.tuple(STATE, keys.published("1.2.3")),
                org.assertj.core.groups.Tuple.tuple("priority", "1.2.4"),
                org.assertj.core.groups.Tuple.tuple(STATE, keys.published("1.2.4")),
                org.assertj.core.groups.Tuple.tuple(STATE, keys.position()));
        assertThat(new String(producer.history().get(4).value(), StandardCharsets.UTF_8)).isEqualTo("42");
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(state.isPublished("1.2.3")).isTrue();
        assertThat(state.position()).isEqualTo(OptionalLong.of(42));
    }

    @Test
    void anAbortedTransactionLeavesTheStateAtTheLastCommit() {
        // given: one committed instance, then another under way
        transaction.publish(event("1.2.3", Priority.ROUTINE));
        transaction.handledUpTo(1);
        transaction.commit();
        transaction.publish(event("1.2.4", Priority.ROUTINE));
        transaction.handledUpTo(2);
        assertThat(transaction.isPublished("1.2.4")).as("pending counts as published").isTrue();

        // when
        transaction.abort();

        // then
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(state.isPublished("1.2.4")).isFalse();
        assertThat(transaction.isPublished("1.2.4")).isFalse();
        assertThat(transaction.position()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void aFailedCommitChangesNothing() {
        // given
        transaction.publish(event("1.2.3", Priority.ROUTINE));
        transaction.handledUpTo(7);
        producer.commitTransactionException = new KafkaException("broker gone");

        // when / then
        assertThatThrownBy(transaction::commit).isInstanceOf(KafkaException.class);
        assertThat(state.isPublished("1.2.3")).isFalse();
        assertThat(state.position()).isEmpty();
    }

    @Test
    void aTransactionIsDueBySizeOrAgeAndNothingIsWrittenWhenNothingMoved() {
        assertThat(transaction.due()).as("nothing open").isFalse();
        assertThat(transaction.commit()).isZero();
        assertThat(producer.history()).isEmpty();

        transaction.publish(event("1.2.3", Priority.ROUTINE));
        assertThat(transaction.due()).isFalse();
        nanos.addAndGet(1_000);
        assertThat(transaction.due()).as("old enough").isTrue();
        transaction.commit();

        transaction.publish(event("1.2.4", Priority.ROUTINE));
        transaction.publish(event("1.2.5", Priority.ROUTINE));
        assertThat(transaction.due()).as("big enough").isTrue();
    }

    private static ImageEvent event(String uid, Priority priority) {
        return ImageEvent.newBuilder().setEventId(UUID.randomUUID()).setSopInstanceUid(uid)
                .setStudyInstanceUid("1.2").setSeriesInstanceUid("1.2.1").setSource("orthanc:pacs:8042")
                .setModality("CT").setBodyPart(null).setPriority(priority).setFormat(ImageFormat.DICOM)
                .setPayload(new InlineImage(ByteBuffer.wrap(new byte[] {1})))
                .setDeidentification(new Deidentification(true, "test")).setCreatedAt(Instant.EPOCH)
                .setAttributes(Map.of()).build();
    }
}
