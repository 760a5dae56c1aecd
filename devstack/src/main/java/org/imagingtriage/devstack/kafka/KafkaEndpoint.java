package org.imagingtriage.devstack.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A running Kafka that clients can reach, whether it lives in this JVM or in a child process.
 * The client settings it hands out are fresh mutable maps: callers add serializers, group ids
 * and the like without affecting each other.
 */
public interface KafkaEndpoint {

    /** How long {@link #createTopics(Collection)} waits for the controller to confirm. */
    Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(30);

    /** {@code host:port} of the client listener. */
    String bootstrapServers();

    /** The broker's {@code message.max.bytes}: producers may send requests this large. */
    int messageMaxBytes();

    default Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** Producer settings whose request size matches the broker's limit, so large images fit. */
    default Map<String, Object> producerConfig() {
        Map<String, Object> config = adminConfig();
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, messageMaxBytes());
        return config;
    }

    /**
     * Consumer settings that read from the earliest offset: topics on a devstack Kafka are new
     * and unique per test, so "earliest" is what a test expects to see.
     */
    default Map<String, Object> consumerConfig() {
        Map<String, Object> config = adminConfig();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** Creates the topics and waits, at most {@link #TOPIC_CREATION_TIMEOUT}, until the controller confirms. */
    default void createTopics(Collection<NewTopic> topics) {
        TopicCreation.createAll(adminConfig(), topics, TOPIC_CREATION_TIMEOUT);
    }

    default void createTopics(NewTopic... topics) {
        createTopics(List.of(topics));
    }

    /** Creates one topic with the given partitions and the single node as its only replica. */
    default void createTopic(String name, int partitions) {
        createTopics(new NewTopic(name, partitions, (short) 1));
    }
}
