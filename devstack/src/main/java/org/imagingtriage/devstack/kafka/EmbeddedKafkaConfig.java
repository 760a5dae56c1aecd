package org.imagingtriage.devstack.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run the in-JVM Kafka node.
 *
 * @param broker         broker properties shared with {@link KafkaBrokerProcess}
 * @param startupTimeout how long {@link EmbeddedKafkaCluster#start()} may take before it gives up
 */
public record EmbeddedKafkaConfig(BrokerSettings broker, Duration startupTimeout) {

    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(broker, "broker must not be null");
        Objects.requireNonNull(startupTimeout, "startupTimeout must not be null");
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive but was " + startupTimeout);
        }
    }

    public static EmbeddedKafkaConfig defaults() {
        return new EmbeddedKafkaConfig(BrokerSettings.defaults(), DEFAULT_STARTUP_TIMEOUT);
    }

    public EmbeddedKafkaConfig withBroker(BrokerSettings settings) {
        return new EmbeddedKafkaConfig(settings, startupTimeout);
    }

    public EmbeddedKafkaConfig withMessageMaxBytes(int bytes) {
        return withBroker(broker.withMessageMaxBytes(bytes));
    }

    public EmbeddedKafkaConfig withBrokerProperty(String key, String value) {
        return withBroker(broker.withOverride(key, value));
    }

    public EmbeddedKafkaConfig withStartupTimeout(Duration timeout) {
        return new EmbeddedKafkaConfig(broker, timeout);
    }
}
