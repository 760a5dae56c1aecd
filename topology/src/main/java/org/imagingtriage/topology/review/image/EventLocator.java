package org.imagingtriage.topology.review.image;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.imagingtriage.topology.review.ConsumerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each image's events are on the event topics: record keys (SOP Instance UIDs) to their
 * latest coordinates, so the console can fetch the event behind a draft without scanning. Only
 * keys are read, never values: indexing a topic of inline images costs a few bytes per event.
 *
 * <p>One consumer of its own, assigned to every partition of the event topics from the beginning,
 * without a group, read_committed. Bounded: at most {@code maxKeys} images (the least recently
 * published go first) and {@link #PER_KEY} events each; a key longer than a UID is ignored.
 */
public final class EventLocator implements AutoCloseable {

    /** Events kept per image: re-sent events of one image are few. */
    static final int PER_KEY = 4;
    /** SOP Instance UIDs are at most 64 characters (PS3.5 9.1). */
    private static final int MAX_KEY_BYTES = 64;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(EventLocator.class);

    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Map<String, Deque<EventCoordinates>> byKey;
    private final ConsumerLoop loop;

    /**
     * @param consumer a consumer this locator owns and closes: read_committed, no group, no auto-commit
     */
    public EventLocator(Consumer<byte[], byte[]> consumer, List<String> topics, int maxKeys) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topics = List.copyOf(topics);
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<EventCoordinates>> eldest) {
                return size() > maxKeys;
            }
        };
        this.loop = new ConsumerLoop("triage-review-event-locator", consumer, this::run);
    }

    /** @throws IllegalStateException when an event topic has no partitions (it does not exist) */
    public EventLocator start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions: does it exist?");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        loop.start();
        return this;
    }

    /** The image's events, newest first. */
    public synchronized List<EventCoordinates> locate(String sopInstanceUid) {
        Deque<EventCoordinates> found = byKey.get(sopInstanceUid);
        return found == null ? List.of() : List.copyOf(found);
    }

    /** Records one event's place (from the reading thread; also the seam tests use). */
    synchronized void record(String key, EventCoordinates coordinates) {
        Deque<EventCoordinates> events = byKey.computeIfAbsent(key, unused -> new ArrayDeque<>());
        events.addFirst(coordinates);
        while (events.size() > PER_KEY) {
            events.removeLast();
        }
    }

    @Override
    public void close() {
        loop.close();
    }

    private void run() {
        try {
            while (!loop.stopping()) {
                try {
                    for (ConsumerRecord<byte[], byte[]> event : consumer.poll(POLL)) {
                        if (event.key() != null && event.key().length <= MAX_KEY_BYTES && event.value() != null) {
                            record(new String(event.key(), StandardCharsets.UTF_8),
                                    new EventCoordinates(event.topic(), event.partition(), event.offset()));
                        }
                    }
                } catch (WakeupException e) {
                    // close() woke the poll.
                }
            }
        } catch (KafkaException | IllegalStateException e) {
            LOG.atError().setMessage("event locator stopped: images will be unavailable")
                    .addKeyValue("stage", "review-images")
                    .addKeyValue("reason", e.getClass().getSimpleName())
                    .setCause(e)
                    .log();
        }
    }

    /** One event's place on its topic. */
    public record EventCoordinates(String topic, int partition, long offset) {

        public EventCoordinates {
            Objects.requireNonNull(topic, "topic");
        }
    }
}
