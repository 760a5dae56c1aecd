package org.imagingtriage.topology.review.image;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.review.image.EventLocator.EventCoordinates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an image's event again from where {@link EventLocator} saw it, with a short-lived
 * consumer per fetch (assigned, no group, read_committed, one record per poll): a reviewer opens a
 * draft every few seconds at most, and the rendered image is cached.
 */
final class KafkaEventFetcher implements EventFetcher {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventFetcher.class);

    private final EventLocator locator;
    private final Map<String, Object> consumerConfig;
    private final Deserializer<ImageEvent> events;
    private final AtomicLong fetches = new AtomicLong();

    /** @param consumerConfig a plain consumer's settings */
    KafkaEventFetcher(EventLocator locator, Map<String, Object> consumerConfig, Deserializer<ImageEvent> events) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.consumerConfig = new HashMap<>(Objects.requireNonNull(consumerConfig, "consumerConfig"));
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        this.consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Optional<ImageEvent> fetch(String sopInstanceUid, UUID eventId) {
        List<EventCoordinates> places = locator.locate(sopInstanceUid);
        if (places.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "triage-review-images-" + fetches.incrementAndGet());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (EventCoordinates place : places) {
                Optional<ImageEvent> event = read(consumer, place).filter(found -> found.getEventId().equals(eventId));
                if (event.isPresent()) {
                    return event;
                }
            }
        } catch (KafkaException e) {
            LOG.atWarn().setMessage("event fetch failed")
                    .addKeyValue("stage", "review-images")
                    .addKeyValue("eventId", eventId)
                    .addKeyValue("reason", e.getClass().getSimpleName())
                    .log();
        }
        return Optional.empty();
    }

    private Optional<ImageEvent> read(KafkaConsumer<byte[], byte[]> consumer, EventCoordinates place) {
        TopicPartition partition = new TopicPartition(place.topic(), place.partition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, place.offset());
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() != place.offset()) {
                    // Compaction or an aborted transaction removed it: the next record is another event.
                    return Optional.empty();
                }
                try {
                    return Optional.of(events.deserialize(record.topic(), record.headers(), record.value()));
                } catch (RuntimeException e) {
                    LOG.atWarn().setMessage("event unreadable")
                            .addKeyValue("stage", "review-images")
                            .addKeyValue("topic", record.topic())
                            .addKeyValue("partition", record.partition())
                            .addKeyValue("offset", record.offset())
                            .addKeyValue("reason", e.getClass().getSimpleName())
                            .log();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
