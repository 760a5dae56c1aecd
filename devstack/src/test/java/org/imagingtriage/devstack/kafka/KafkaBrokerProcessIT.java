package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessIT {

    private static final int RECORDS_BEFORE_CRASH = 200;
    private static final int RECORDS_AFTER_RESTART = 20;
    private static final Duration POLL_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path parentDirectory;

    private KafkaBrokerProcess broker;

    @BeforeEach
    void startBroker() {
        broker = KafkaBrokerProcess.started(KafkaBrokerProcessConfig.defaults().withParentDirectory(parentDirectory));
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    /**
     * One broker's whole life in one test: each start of a child broker costs seconds, so the
     * crash, the restart and the graceful stop share it.
     */
    @Test
    void acknowledgedRecordsSurviveSigkillClientsReconnectAfterRestartAndStopIsGraceful() throws Exception {
        // given: records acknowledged by the broker with acks=all and idempotence
        String topic = TopicNames.unique("crash");
        broker.createTopic(topic, 1);
        assertThat(broker.serverLog()).isNotEmptyFile();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            List<String> acknowledged = sendAll(producer, topic, "before", RECORDS_BEFORE_CRASH);

            // when: the broker dies without a chance to flush
            broker.kill();

            // then: it is gone, and a producer with a short delivery timeout fails fast
            assertThat(broker.isAlive()).isFalse();
            KafkaProducer<String, String> impatient = producer(Map.of(
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000));
            try {
                Future<RecordMetadata> lost = impatient.send(new ProducerRecord<>(topic, "k", "during-outage"));
                assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            } finally {
                // A plain close would wait without bound for requests to a broker that is gone.
                impatient.close(Duration.ofSeconds(1));
            }

            // when: it restarts on the same storage and ports
            broker.restart();

            // then: every acknowledged record is there, and the producer made before the
            // crash delivers again without being recreated
            assertThat(broker.isAlive()).isTrue();
            List<String> afterRestart = sendAll(producer, topic, "after", RECORDS_AFTER_RESTART);
            List<String> expected = new ArrayList<>(acknowledged);
            expected.addAll(afterRestart);
            assertThat(consumeValues(topic, expected.size())).containsExactlyElementsOf(expected);
        }

        // when: stopped gracefully
        broker.stop();

        // then: the process is gone after a controlled shutdown, which a SIGKILL never reaches
        assertThat(broker.isAlive()).isFalse();
        assertThat(broker.serverLog()).content().contains("Beginning controlled shutdown");

        // when: closed
        Path dataDirectory = broker.dataDirectory();
        broker.close();

        // then: nothing is left on disk
        assertThat(Files.exists(dataDirectory)).isFalse();
    }

    private KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = broker.producerConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    /** Sends and waits for every acknowledgement; returns the values in send order. */
    private static List<String> sendAll(KafkaProducer<String, String> producer, String topic, String prefix,
                                        int count) throws Exception {
        List<String> values = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (String value : values) {
            acks.add(producer.send(new ProducerRecord<>(topic, "study", value)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        return values;
    }

    private List<String> consumeValues(String topic, int expected) {
        Map<String, Object> config = broker.consumerConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
