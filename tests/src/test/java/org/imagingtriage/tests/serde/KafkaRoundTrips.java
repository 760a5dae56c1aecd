package org.imagingtriage.tests.serde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.imagingtriage.devstack.kafka.KafkaEndpoint;

/** Produce and consume helpers with bounded waits, for tests against a real broker. */
final class KafkaRoundTrips {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    private KafkaRoundTrips() {
    }

    static <K, V> void produce(KafkaEndpoint kafka, String topic, Serializer<K> keys, Serializer<V> values,
                               List<ProducerRecord<K, V>> records) throws Exception {
        Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keys, values)) {
            for (ProducerRecord<K, V> record : records) {
                producer.send(record).get();
            }
        }
    }

    static <K, V> List<ConsumerRecord<K, V>> consume(KafkaEndpoint kafka, String topic, int count,
                                                     Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = kafka.consumerConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        if (received.size() < count) {
            throw new AssertionError("consumed " + received.size() + " of " + count + " records from " + topic
                    + " within " + CONSUME_TIMEOUT);
        }
        return received;
    }
}
