package org.imagingtriage.topology.feed.orthanc;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.config.ConfigKeys;
import org.imagingtriage.topology.config.OrthancFeedSettings;
import org.imagingtriage.topology.config.TriageConfigException;
import org.imagingtriage.topology.config.TriageFeedConfig;
import org.imagingtriage.topology.feed.EventDefaults;
import org.imagingtriage.topology.feed.TopicRouter;
import org.imagingtriage.topology.http.HttpClients;
import org.imagingtriage.topology.imaging.Sha256;

/**
 * Everything one run of the Orthanc feed holds open, wired from the configuration: the HTTP
 * client, and the transactional producer whose id is derived from the feed's source, so a
 * restarted feed fences its dead predecessor and aborts whatever it left uncommitted before the
 * stored state is read.
 */
public final class OrthancFeedSession implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Other feeds' open transactions on the shared state topic end by then: a dead feed's by its
     * timeout, which brokers cap at transaction.max.timeout.ms (15 minutes by default).
     */
    private static final Duration STATE_READ_MAX_WAIT = Duration.ofMinutes(16);
    /** Keeps the feed's transaction timeout under the brokers' default cap of 15 minutes. */
    private static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final OrthancFeed feed;
    private final int remembered;

    private OrthancFeedSession(Producer<String, byte[]> producer, OrthancFeed feed, int remembered) {
        this.producer = producer;
        this.feed = feed;
        this.remembered = remembered;
    }

    /**
     * Creates the state topic if needed, fences any earlier instance of this feed and reads its
     * state. Blocks until Kafka answers.
     */
    public static OrthancFeedSession open(TriageFeedConfig config, EventDefaults claims, PriorityRules priorities,
                                          OrthancFeedOptions options, OrthancFeed.Sleeper sleeper,
                                          FeedHeartbeat heartbeat)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(config, "config");
        OrthancFeedSettings orthanc = config.orthanc();
        FeedStateKeys keys = new FeedStateKeys(claims.source());
        Map<String, Object> producerConfig = producerConfig(config, claims.source(), options);
        try (Admin admin = Admin.create(config.client().adminConfig())) {
            StateTopic.ensure(admin, orthanc.stateTopic(), config.client().topics().replicationFactor(), ADMIN_TIMEOUT);
            Producer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new ByteArraySerializer());
            try {
                // Fencing first: it aborts what a dead predecessor left open, which the state read waits for.
                producer.initTransactions();
                FeedState state;
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(stateReaderConfig(config),
                        new StringDeserializer(), new ByteArrayDeserializer())) {
                    state = FeedStateReader.read(consumer, admin, orthanc.stateTopic(), keys, STATE_READ_MAX_WAIT);
                }
                SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
                serde.configure(config.client().serdeConfig(), false);
                FeedTransaction transaction = new FeedTransaction(producer, serde.serializer(),
                        TopicRouter.from(config.client().topics()), orthanc.stateTopic(), keys, state,
                        options.commitEvents(), options.commitInterval().toNanos(), System::nanoTime);
                HttpClient http = HttpClients.create(orthanc.connectTimeout(), orthanc.caFile());
                OrthancClient client = new OrthancClient(http, orthanc.url(), orthanc.auth(), orthanc.requestTimeout());
                OrthancFeed feed = new OrthancFeed(client, transaction,
                        new InstanceEvents(claims, priorities, Clock.systemUTC()), options, sleeper,
                        System::nanoTime, heartbeat);
                return new OrthancFeedSession(producer, feed, state.publishedCount());
            } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
        }
    }

    public OrthancFeed feed() {
        return feed;
    }

    /** How many instances earlier runs of this feed published, as the state topic says. */
    public int remembered() {
        return remembered;
    }

    /** The transactional id a feed with this source uses: stable across restarts, distinct per source. */
    static String transactionalId(String source) {
        String readable = source.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 80) {
            readable = readable.substring(0, 80);
        }
        return "triage-feed-" + readable + "-" + Sha256.hex(source.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private static Map<String, Object> producerConfig(TriageFeedConfig config, String source,
                                                      OrthancFeedOptions options) {
        Map<String, Object> producer = config.client().producerConfig();
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(source));
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "triage-feed-orthanc");
        // The feed commits before each request once the commit interval has passed, and before every
        // wait for Orthanc: a transaction lives at most that interval and one request.
        long needed = options.commitInterval().plus(config.orthanc().requestTimeout()).plusSeconds(30).toMillis();
        if (needed > MAX_TRANSACTION_TIMEOUT.toMillis()) {
            throw new TriageConfigException(ConfigKeys.FEED_ORTHANC_REQUEST_TIMEOUT_MS,
                    ConfigKeys.FEED_ORTHANC_REQUEST_TIMEOUT_MS + " with the commit interval makes the feed's "
                            + "transactions longer than the brokers' default transaction.max.timeout.ms (15 min)");
        }
        Object configured = producer.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        if (configured == null) {
            producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.min(Integer.MAX_VALUE, needed));
        } else if (Long.parseLong(configured.toString().trim()) < needed) {
            throw new TriageConfigException(ConfigKeys.KAFKA_PREFIX + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    ConfigKeys.KAFKA_PREFIX + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG + " is " + configured
                            + " ms; the Orthanc feed needs at least " + needed + " (the commit interval, "
                            + ConfigKeys.FEED_ORTHANC_REQUEST_TIMEOUT_MS + " and 30 s)");
        }
        return producer;
    }

    private static Map<String, Object> stateReaderConfig(TriageFeedConfig config) {
        Map<String, Object> consumer = config.client().consumerConfig();
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "triage-feed-orthanc-state");
        return consumer;
    }
}
