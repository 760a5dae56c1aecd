package org.imagingtriage.topology.review.decision;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ReviewDecision;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.review.worklist.Worklist;
import org.imagingtriage.topology.review.worklist.WorklistFeed;

/**
 * What every reviewer front end stands on, built from the client configuration: the worklist, the
 * feed that fills it from the drafts and reviews topics, the decision desk writing to the reviews
 * topic through an idempotent producer, and the review metrics. The web console and the terminal
 * reviewer each put their own face on one of these.
 */
public final class KafkaReviewDesk implements AutoCloseable {

    public static final int DEFAULT_WORKLIST_CAPACITY = 20_000;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DOUBT_CHECK = Duration.ofSeconds(10);

    private final Worklist worklist;
    private final WorklistFeed feed;
    private final KafkaProducer<String, ReviewDecision> producer;
    private final DecisionDesk desk;
    private final PrometheusMeterRegistry registry;

    private KafkaReviewDesk(Worklist worklist, WorklistFeed feed, KafkaProducer<String, ReviewDecision> producer,
                            DecisionDesk desk, PrometheusMeterRegistry registry) {
        this.worklist = worklist;
        this.feed = feed;
        this.producer = producer;
        this.desk = desk;
        this.registry = registry;
    }

    /**
     * Starts reading both topics from their beginnings.
     *
     * @param clientId names this reviewer's Kafka clients, e.g. {@code triage-review-console}
     * @throws IllegalStateException when the drafts or reviews topic does not exist
     */
    public static KafkaReviewDesk start(TriageClientConfig client, int worklistCapacity, String clientId) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientId, "clientId");
        Worklist worklist = new Worklist(worklistCapacity);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReviewMetrics metrics = new ReviewMetrics(registry, worklist);
        SpecificAvroSerde<DraftFinding> drafts = new SpecificAvroSerde<>(DraftFinding.class);
        drafts.configure(client.serdeConfig(), false);
        SpecificAvroSerde<ReviewDecision> decisions = new SpecificAvroSerde<>(ReviewDecision.class);
        decisions.configure(client.serdeConfig(), false);
        WorklistFeed feed = new WorklistFeed(new KafkaConsumer<>(consumerConfig(client, clientId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                client.topics().drafts().name(), client.topics().reviews().name(),
                drafts.deserializer(), decisions.deserializer(), worklist);
        try {
            feed.start();
            KafkaProducer<String, ReviewDecision> producer = new KafkaProducer<>(producerConfig(client, clientId),
                    new StringSerializer(), decisions.serializer());
            DecisionDesk desk = new DecisionDesk(worklist,
                    new KafkaDecisionWriter(producer, client.topics().reviews().name(), WRITE_TIMEOUT),
                    feed::ready, feed::awaitReviewsRead, DOUBT_CHECK, metrics,
                    Clock.systemUTC());
            return new KafkaReviewDesk(worklist, feed, producer, desk, registry);
        } catch (RuntimeException e) {
            feed.close();
            registry.close();
            throw e;
        }
    }

    public Worklist worklist() {
        return worklist;
    }

    public WorklistFeed feed() {
        return feed;
    }

    public DecisionDesk desk() {
        return desk;
    }

    /** The review meters, for a {@code /metrics} endpoint. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        try {
            feed.close();
        } finally {
            try {
                producer.close(Duration.ofSeconds(10));
            } finally {
                registry.close();
            }
        }
    }

    private static Map<String, Object> consumerConfig(TriageClientConfig client, String clientId) {
        Map<String, Object> consumer = client.wholeTopicReaderConfig();
        consumer.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return consumer;
    }

    /** Idempotent with acks=all, so the producer's own retries never write a decision twice. */
    private static Map<String, Object> producerConfig(TriageClientConfig client, String clientId) {
        Map<String, Object> producer = client.producerConfig();
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.minusSeconds(5).toMillis());
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-decisions");
        return producer;
    }
}
