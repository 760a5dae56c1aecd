package org.imagingtriage.topology.review.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.imagingtriage.topology.review.image.EventLocator.EventCoordinates;
import org.junit.jupiter.api.Test;

class EventLocatorTest {

    private static final String EVENTS = "imaging.events";
    private static final String PRIORITY = "imaging.events.priority";
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    @Test
    void eachImageIsFoundAtItsNewestEventsFirstAcrossBothTopicsReadingKeysOnly() throws Exception {
        // given both topics with events of two images, one re-sent five times
        partitions(EVENTS, PRIORITY);
        EventLocator locator = new EventLocator(consumer, List.of(EVENTS, PRIORITY), 100).start();
        for (int offset = 0; offset < 5; offset++) {
            add(EVENTS, offset, "1.2.3", "event");
        }
        add(PRIORITY, 0, "1.2.4", "event");
        add(PRIORITY, 1, "1.2.5", null);
        add(PRIORITY, 2, "9".repeat(65), "event");

        // when the locator has read them
        awaitLocated(locator, "1.2.4");

        // then the newest events of an image come first, a few at most; tombstones and keys longer than a UID are not kept
        assertThat(locator.locate("1.2.3")).extracting(EventCoordinates::offset).containsExactly(4L, 3L, 2L, 1L);
        assertThat(locator.locate("1.2.4")).containsExactly(new EventCoordinates(PRIORITY, 0, 0));
        assertThat(locator.locate("1.2.5")).isEmpty();
        assertThat(locator.locate("9".repeat(65))).isEmpty();
        locator.close();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyPublishedImageIsForgotten() {
        // given
        EventLocator locator = new EventLocator(consumer, List.of(EVENTS), 2);

        // when
        locator.record("a", new EventCoordinates(EVENTS, 0, 0));
        locator.record("b", new EventCoordinates(EVENTS, 0, 1));
        locator.record("c", new EventCoordinates(EVENTS, 0, 2));

        // then
        assertThat(locator.locate("a")).isEmpty();
        assertThat(locator.locate("c")).hasSize(1);
    }

    @Test
    void aMissingTopicFailsStartWithItsName() {
        partitions(EVENTS);
        EventLocator locator = new EventLocator(consumer, List.of(EVENTS, PRIORITY), 10);

        assertThatThrownBy(locator::start).isInstanceOf(IllegalStateException.class).hasMessageContaining(PRIORITY);
    }

    private void partitions(String... topics) {
        for (String topic : topics) {
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), new Node[0],
                    new Node[0])));
            consumer.updateBeginningOffsets(Map.of(new TopicPartition(topic, 0), 0L));
            consumer.updateEndOffsets(Map.of(new TopicPartition(topic, 0), 0L));
        }
    }

    private void add(String topic, long offset, String key, String value) {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(topic, 0, offset,
                key.getBytes(StandardCharsets.UTF_8), value == null ? null : value.getBytes(StandardCharsets.UTF_8))));
    }

    private static void awaitLocated(EventLocator locator, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (locator.locate(key).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(Duration.ofMillis(20).toMillis());
        }
        assertThat(locator.locate(key)).as("located %s", key).isNotEmpty();
    }
}
