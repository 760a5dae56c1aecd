package org.imagingtriage.topology.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.schemas.registry.SchemaRegistryUnreachableException;
import org.imagingtriage.topology.review.ReviewOutcome.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reviewer's loop against Kafka's MockConsumer. */
@Timeout(30)
class DraftReviewerTest {

    private static final String TOPIC = "triage.drafts";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final StringWriter output = new StringWriter();

    DraftReviewerTest() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(
                new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node}),
                new PartitionInfo(TOPIC, 1, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
    }

    private DraftReviewer reviewer(ReviewOptions options) {
        return new DraftReviewer(consumer, Drafts.deserializer(), TOPIC, options,
                new DraftPrinter(new PrintWriter(output, true), 2), System::nanoTime);
    }

    private static ReviewOptions fromBeginning(long max) {
        return new ReviewOptions(StartPosition.BEGINNING, Optional.empty(), OptionalLong.of(max),
                Optional.of(Duration.ofSeconds(5)), 2);
    }

    private void arrive(TopicPartition partition, long offset, byte[] value) {
        consumer.schedulePollTask(() -> consumer.addRecord(
                new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, value)));
    }

    private void arrive(TopicPartition partition, long offset, DraftFinding draft) {
        arrive(partition, offset, Drafts.bytes(draft));
    }

    /** The SOP Instance UIDs in the order they were printed. */
    private List<String> printedSops() {
        List<String> sops = new ArrayList<>();
        Matcher header = Pattern.compile("(?m)^\\S+\\s+\\S+\\s+CR\\s+(\\S+)").matcher(output.toString());
        while (header.find()) {
            sops.add(header.group(1));
        }
        return sops;
    }

    @Test
    void eachPollIsPrintedMostUrgentFirstThenByPriorityThenArrival() {
        // given one poll's worth of drafts across two partitions, in arrival order
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, Drafts.draft("1.1", Urgency.ROUTINE, Priority.STAT)));
            consumer.addRecord(record(P0, 1, Drafts.draft("1.2", Urgency.UNCERTAIN, Priority.ROUTINE)));
            consumer.addRecord(record(P1, 0, Drafts.draft("1.3", Urgency.URGENT, Priority.ROUTINE)));
            consumer.addRecord(record(P1, 1, Drafts.draft("1.4", Urgency.ROUTINE, Priority.ROUTINE)));
            consumer.addRecord(record(P0, 2, Drafts.draft("1.5", Urgency.URGENT, Priority.STAT)));
            consumer.addRecord(record(P1, 2, Drafts.draft("1.6", Urgency.UNCERTAIN, Priority.URGENT)));
        });

        // when
        ReviewOutcome outcome = reviewer(fromBeginning(6)).run();

        // then: URGENT (STAT before ROUTINE), UNCERTAIN (URGENT before ROUTINE), ROUTINE (STAT, then arrival)
        assertThat(printedSops()).containsExactly("1.5", "1.3", "1.6", "1.2", "1.1", "1.4");
        assertThat(outcome).isEqualTo(new ReviewOutcome(6, 0, StopReason.MAX_REACHED));
    }

    @Test
    void stopsAfterMaxDraftsPrintingTheMostUrgentOfThePoll() {
        // given three drafts in one poll, only two wanted
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, Drafts.draft("2.1", Urgency.ROUTINE, Priority.ROUTINE)));
            consumer.addRecord(record(P0, 1, Drafts.draft("2.2", Urgency.URGENT, Priority.ROUTINE)));
            consumer.addRecord(record(P0, 2, Drafts.draft("2.3", Urgency.UNCERTAIN, Priority.ROUTINE)));
        });

        // when
        ReviewOutcome outcome = reviewer(fromBeginning(2)).run();

        // then
        assertThat(printedSops()).containsExactly("2.2", "2.3");
        assertThat(outcome.reason()).isEqualTo(StopReason.MAX_REACHED);
    }

    @Test
    void unreadableRecordsAreReportedWithTheirPositionAndSkipped() {
        // given a draft, garbage bytes, and a draft in a later poll
        arrive(P0, 0, Drafts.draft("3.1", Urgency.ROUTINE, Priority.ROUTINE));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P1, 7, new byte[] {0, 0, 0, 0, 42, 1, 2})));
        arrive(P0, 1, Drafts.draft("3.2", Urgency.ROUTINE, Priority.ROUTINE));

        // when
        ReviewOutcome outcome = reviewer(fromBeginning(2)).run();

        // then: the tail went on
        assertThat(outcome).isEqualTo(new ReviewOutcome(2, 1, StopReason.MAX_REACHED));
        assertThat(printedSops()).containsExactly("3.1", "3.2");
        assertThat(output.toString()).contains("skipped record triage.drafts partition 1 offset 7: not a readable "
                + "draft (SerializationException");
    }

    @Test
    void anUnreachableRegistryFailsTheReviewInsteadOfSkippingEverything() {
        // given
        arrive(P0, 0, Drafts.draft("4.1", Urgency.ROUTINE, Priority.ROUTINE));
        DraftReviewer reviewer = new DraftReviewer(consumer, (topic, bytes) -> {
            throw new SchemaRegistryUnreachableException("schema registry unreachable at http://registry:8081",
                    null);
        }, TOPIC, fromBeginning(1), new DraftPrinter(new PrintWriter(output, true), 2), System::nanoTime);

        // when / then
        assertThatThrownBy(reviewer::run).isInstanceOf(SchemaRegistryUnreachableException.class);
        assertThat(output.toString()).doesNotContain("skipped record");
    }

    @Test
    void stopsWhenIdle() {
        // given one draft, then nothing
        arrive(P0, 0, Drafts.draft("5.1", Urgency.ROUTINE, Priority.ROUTINE));
        ReviewOptions idle = new ReviewOptions(StartPosition.BEGINNING, Optional.empty(), OptionalLong.empty(),
                Optional.of(Duration.ofMillis(100)), 2);

        // when
        ReviewOutcome outcome = reviewer(idle).run();

        // then
        assertThat(outcome).isEqualTo(new ReviewOutcome(1, 0, StopReason.IDLE));
    }

    @Test
    void withoutAGroupEveryPartitionIsAssignedFromTheRequestedEndAndNothingIsCommitted() {
        // given a topic holding drafts already
        consumer.updateEndOffsets(Map.of(P0, 5L, P1, 3L));
        DraftReviewer reviewer = reviewer(ReviewOptions.tail());
        consumer.schedulePollTask(reviewer::stop);

        // when
        ReviewOutcome outcome = reviewer.run();

        // then
        assertThat(outcome.reason()).isEqualTo(StopReason.STOPPED);
        assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
        assertThat(consumer.position(P0)).isEqualTo(5);
        assertThat(consumer.position(P1)).isEqualTo(3);
        assertThat(consumer.committed(java.util.Set.of(P0, P1))).isEmpty();
    }

    @Test
    void aGroupCommitsWhatWasShownButNotADraftCutOffByMax() {
        // given a group reviewer that wants one draft of a poll of two in the same partition
        ReviewOptions grouped = new ReviewOptions(StartPosition.BEGINNING, Optional.of("reading-room"),
                OptionalLong.of(1), Optional.of(Duration.ofSeconds(5)), 2);
        DraftReviewer reviewer = reviewer(grouped);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(record(P0, 0, Drafts.draft("6.1", Urgency.ROUTINE, Priority.ROUTINE)));
            consumer.addRecord(record(P0, 1, Drafts.draft("6.2", Urgency.URGENT, Priority.ROUTINE)));
        });

        // when
        reviewer.run();

        // then: 6.2 was shown, 6.1 (offset 0) was not: the group resumes at 0
        assertThat(printedSops()).containsExactly("6.2");
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(java.util.Set.of(P0));
        assertThat(committed.get(P0).offset()).isZero();
    }

    @Test
    void stopFromAnotherThreadEndsTheTailCleanly() throws Exception {
        // given a reviewer tailing forever
        DraftReviewer reviewer = reviewer(ReviewOptions.tail());
        List<ReviewOutcome> outcomes = new ArrayList<>();
        Thread tail = new Thread(() -> outcomes.add(reviewer.run()));
        tail.start();
        Thread.sleep(100);

        // when Ctrl-C's hook stops it
        reviewer.stop();
        tail.join(5_000);

        // then
        assertThat(tail.isAlive()).isFalse();
        assertThat(outcomes).singleElement().extracting(ReviewOutcome::reason).isEqualTo(StopReason.STOPPED);
    }

    @Test
    void aTopicWithoutPartitionsIsNamed() {
        // given
        DraftReviewer reviewer = new DraftReviewer(consumer, Drafts.deserializer(), "no.such.topic",
                ReviewOptions.tail(), new DraftPrinter(new PrintWriter(output, true), 2), System::nanoTime);

        // when / then
        assertThatThrownBy(reviewer::run).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no.such.topic");
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, DraftFinding draft) {
        return record(partition, offset, Drafts.bytes(draft));
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, byte[] value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, value);
    }
}
