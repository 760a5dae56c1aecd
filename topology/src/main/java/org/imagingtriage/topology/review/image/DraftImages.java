package org.imagingtriage.topology.review.image;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedPng;
import org.imagingtriage.topology.pipeline.ImagingStages;
import org.imagingtriage.topology.review.image.EventLocator.EventCoordinates;
import org.imagingtriage.topology.review.web.DraftImageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image behind a draft, rebuilt as the model saw it: the event is fetched again from its topic
 * (located by {@link EventLocator}), and its image resolved, decoded, checked by the
 * de-identification gate (both halves: the event and the image) and preprocessed by the
 * pipeline's own stages. What the gate refuses is never shown; the reason code is returned.
 *
 * <p>Bounded: {@link #MAX_RENDERS} renders at once (more are refused as busy, and the page says
 * so), and the last {@link #CACHED} PNGs are kept, since a reviewer reopens the same draft.
 */
public final class DraftImages implements DraftImageSource {

    static final int MAX_RENDERS = 2;
    static final int CACHED = 64;
    public static final String NOT_FOUND = "EVENT_NOT_FOUND";
    public static final String BUSY = "BUSY_TRY_AGAIN";
    public static final String UNREADABLE = "EVENT_UNREADABLE";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(DraftImages.class);

    private final EventLocator locator;
    private final Map<String, Object> consumerConfig;
    private final Deserializer<ImageEvent> events;
    private final ImagingStages imaging;
    private final Semaphore renders = new Semaphore(MAX_RENDERS);
    private final AtomicLong fetches = new AtomicLong();
    private final Map<UUID, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, byte[]> eldest) {
            return size() > CACHED;
        }
    };

    /**
     * @param consumerConfig a plain consumer's settings; each fetch assigns a consumer of its own
     */
    public DraftImages(EventLocator locator, Map<String, Object> consumerConfig, Deserializer<ImageEvent> events,
                       ImagingStages imaging) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.consumerConfig = new HashMap<>(Objects.requireNonNull(consumerConfig, "consumerConfig"));
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        this.consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.events = Objects.requireNonNull(events, "events");
        this.imaging = Objects.requireNonNull(imaging, "imaging");
    }

    @Override
    public ImageAnswer image(String sopInstanceUid, UUID eventId) {
        synchronized (cache) {
            byte[] cached = cache.get(eventId);
            if (cached != null) {
                return ImageAnswer.of(cached);
            }
        }
        if (!renders.tryAcquire()) {
            return ImageAnswer.refused(BUSY);
        }
        try {
            Optional<ImageEvent> event = fetch(sopInstanceUid, eventId);
            if (event.isEmpty()) {
                return ImageAnswer.refused(NOT_FOUND);
            }
            byte[] png = render(event.get());
            synchronized (cache) {
                cache.put(eventId, png);
            }
            return ImageAnswer.of(png);
        } catch (ImagingException refused) {
            LOG.atInfo().setMessage("image not shown")
                    .addKeyValue("stage", "review-images")
                    .addKeyValue("eventId", eventId)
                    .addKeyValue("reason", refused.reasonCode())
                    .log();
            return ImageAnswer.refused(refused.reasonCode());
        } finally {
            renders.release();
        }
    }

    /** The pipeline's stages in the pipeline's order, gate checks included. */
    private byte[] render(ImageEvent event) throws ImagingException {
        imaging.gate().checkEvent(event);
        byte[] bytes = imaging.resolver().resolve(event);
        DecodedImage decoded = imaging.decoders().decode(event.getFormat(), bytes);
        imaging.gate().checkImage(decoded);
        return PreprocessedPng.bytes(imaging.preprocessor().preprocess(decoded));
    }

    /** The image's event with this id, newest place first; empty when none is found. */
    private Optional<ImageEvent> fetch(String sopInstanceUid, UUID eventId) {
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
