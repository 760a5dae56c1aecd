package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaClusterIT {

    private static final Duration POLL_DEADLINE = Duration.ofSeconds(30);

    private final EmbeddedKafkaCluster kafka;

    EmbeddedKafkaClusterIT(EmbeddedKafkaCluster kafka) {
        this.kafka = kafka;
    }

    @Test
    void producedRecordIsConsumed() throws Exception {
        // given
        String topic = TopicNames.unique("plain");
        kafka.createTopic(topic, 1);

        // when
        try (KafkaProducer<String, String> producer = stringProducer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "study-1", "hello")).get(10, TimeUnit.SECONDS);
        }

        // then
        List<ConsumerRecord<String, String>> records = consume(topic, "read_uncommitted", 1);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("study-1");
            assertThat(record.value()).isEqualTo("hello");
        });
    }

    @Test
    void readCommittedConsumerSeesCommittedButNotAbortedTransactions() throws Exception {
        // given
        String topic = TopicNames.unique("transactional");
        kafka.createTopic(topic, 1);
        Map<String, Object> transactional = Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

        // when: one transaction aborts, the next commits
        try (KafkaProducer<String, String> producer = stringProducer(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "study-1", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "study-1", "committed"));
            producer.commitTransaction();
        }

        // then
        List<ConsumerRecord<String, String>> records = consume(topic, "read_committed", 1);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void messagesAsLargeAsAnInlineImageFit() throws Exception {
        // given: an 8 MiB payload, far above Kafka's 1 MiB default
        String topic = TopicNames.unique("large");
        kafka.createTopic(topic, 1);
        byte[] image = new byte[8 * 1024 * 1024];
        Arrays.fill(image, (byte) 7);
        Map<String, Object> producerConfig = kafka.producerConfig();
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);

        // when
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "study-1", image)).get(30, TimeUnit.SECONDS);
        }

        // then
        Map<String, Object> consumerConfig = consumerConfig("read_uncommitted");
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<ConsumerRecord<String, byte[]>> records = pollUntil(consumer, topic, 1);
            assertThat(records).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(image));
        }
    }

    @Test
    void exactlyOnceV2StreamsAppProcessesRecords(@TempDir Path stateDir) throws Exception {
        // given: a topic-in -> mapValues -> topic-out app with exactly_once_v2
        String input = TopicNames.unique("streams-in");
        String output = TopicNames.unique("streams-out");
        kafka.createTopic(input, 2);
        kafka.createTopic(output, 2);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Properties streamsConfig = new Properties();
        streamsConfig.putAll(kafka.adminConfig());
        streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-app-" + UUID.randomUUID());
        streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streamsConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streamsConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig)) {
            streams.start();

            // when
            try (KafkaProducer<String, String> producer = stringProducer(Map.of())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(input, "study-" + i, "finding-" + i));
                }
                producer.flush();
            }

            // then: the output was committed by the app's transactions
            List<ConsumerRecord<String, String>> records = consume(output, "read_committed", 5);
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("FINDING-0", "FINDING-1", "FINDING-2", "FINDING-3", "FINDING-4");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private KafkaProducer<String, String> stringProducer(Map<String, Object> extra) {
        Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    private Map<String, Object> consumerConfig(String isolationLevel) {
        Map<String, Object> config = kafka.consumerConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "group-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    private List<ConsumerRecord<String, String>> consume(String topic, String isolationLevel, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(isolationLevel))) {
            return pollUntil(consumer, topic, expected);
        }
    }

    /**
     * Polls until {@code expected} records arrived or the deadline passed, then polls once more
     * briefly so that unexpected extra records would show up in the result too.
     */
    private static <V> List<ConsumerRecord<String, V>> pollUntil(KafkaConsumer<String, V> consumer, String topic,
                                                                 int expected) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<String, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
        while (received.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        assertThat(received).as("records on %s within %s", topic, POLL_DEADLINE).hasSizeGreaterThanOrEqualTo(expected);
        return received;
    }
}
