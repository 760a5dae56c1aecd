package org.imagingtriage.topology.review.image;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.pipeline.ImagingStages;
import org.imagingtriage.topology.review.web.DraftImageSource;

/**
 * The console's images from the client configuration and the imaging stages: an
 * {@link EventLocator} over both event topics and the {@link DraftImages} that render from it.
 */
public final class ReviewImages implements AutoCloseable {

    /** Images indexed at most; a key and a few offsets each, some tens of megabytes at most. */
    public static final int MAX_IMAGES = 200_000;

    private final EventLocator locator;
    private final DraftImages images;

    private ReviewImages(EventLocator locator, DraftImages images) {
        this.locator = locator;
        this.images = images;
    }

    /**
     * @param imaging the stages as the pipeline has them (same limits, file root, http(s) origins
     *     and de-identification policy), from the same configuration file
     * @throws IllegalStateException when an event topic does not exist
     */
    public static ReviewImages start(TriageClientConfig client, ImagingStages imaging) {
        Objects.requireNonNull(client, "client");
        Map<String, Object> consumer = client.wholeTopicReaderConfig();
        // An inline image may be as large as the topic allows: one must fit a fetch.
        consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, client.topics().maxMessageBytes());
        Map<String, Object> locatorConfig = new HashMap<>(consumer);
        locatorConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "triage-review-event-locator");
        EventLocator locator = new EventLocator(new KafkaConsumer<>(locatorConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), List.of(client.topics().events().name(),
                client.topics().priorityEvents().name()), MAX_IMAGES);
        try {
            locator.start();
        } catch (RuntimeException e) {
            locator.close();
            throw e;
        }
        SpecificAvroSerde<ImageEvent> events = new SpecificAvroSerde<>(ImageEvent.class);
        events.configure(client.serdeConfig(), false);
        return new ReviewImages(locator, new DraftImages(new KafkaEventFetcher(locator, consumer, events.deserializer()),
                imaging));
    }

    public DraftImageSource source() {
        return images;
    }

    @Override
    public void close() {
        locator.close();
    }
}
