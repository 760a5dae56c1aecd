package org.imagingtriage.topology.config;

import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/** The plain Kafka clients the pipeline's commands create besides Streams. */
public enum KafkaClientType {
    PRODUCER(StreamsConfig.PRODUCER_PREFIX, KafkaConfigNames.PRODUCER),
    CONSUMER(StreamsConfig.CONSUMER_PREFIX, KafkaConfigNames.CONSUMER),
    ADMIN(StreamsConfig.ADMIN_CLIENT_PREFIX, KafkaConfigNames.ADMIN);

    private final String streamsPrefix;
    private final Set<String> settings;

    KafkaClientType(String streamsPrefix, Set<String> settings) {
        this.streamsPrefix = streamsPrefix;
        this.settings = settings;
    }

    /** {@code kafka.producer.acks} sets {@code acks} for producers only, as Streams reads it. */
    String streamsPrefix() {
        return streamsPrefix;
    }

    boolean defines(String setting) {
        return settings.contains(setting);
    }
}
