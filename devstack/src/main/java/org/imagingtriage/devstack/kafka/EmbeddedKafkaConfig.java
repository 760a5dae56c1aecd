package org.imagingtriage.devstack.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the in-JVM Kafka node.
 *
 * @param broker         broker properties shared with {@link KafkaBrokerProcess}
 * @param startupTimeout how long {@link EmbeddedKafkaCluster#start()} may take before it gives up
 * @param security       SASL_SSL with SCRAM on the client listener; empty for PLAINTEXT. Only the
 *                       in-JVM node offers it: its SCRAM users go into the bootstrap metadata the
 *                       test kit hands its controller
 */
public record EmbeddedKafkaConfig(BrokerSettings broker, Duration startupTimeout, Optional<BrokerSecurity> security) {

    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(broker, "broker must not be null");
        Objects.requireNonNull(startupTimeout, "startupTimeout must not be null");
        Objects.requireNonNull(security, "security must not be null (Optional.empty() for PLAINTEXT)");
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive but was " + startupTimeout);
        }
    }

    /** A PLAINTEXT node. */
    public EmbeddedKafkaConfig(BrokerSettings broker, Duration startupTimeout) {
        this(broker, startupTimeout, Optional.empty());
    }

    public static EmbeddedKafkaConfig defaults() {
        return new EmbeddedKafkaConfig(BrokerSettings.defaults(), DEFAULT_STARTUP_TIMEOUT);
    }

    public EmbeddedKafkaConfig withBroker(BrokerSettings settings) {
        return new EmbeddedKafkaConfig(settings, startupTimeout, security);
    }

    public EmbeddedKafkaConfig withMessageMaxBytes(int bytes) {
        return withBroker(broker.withMessageMaxBytes(bytes));
    }

    public EmbeddedKafkaConfig withBrokerProperty(String key, String value) {
        return withBroker(broker.withOverride(key, value));
    }

    public EmbeddedKafkaConfig withStartupTimeout(Duration timeout) {
        return new EmbeddedKafkaConfig(broker, timeout, security);
    }

    /** Clients must then connect over SASL_SSL; {@link KafkaEndpoint#adminConfig()} and the others do. */
    public EmbeddedKafkaConfig withSecurity(BrokerSecurity settings) {
        return new EmbeddedKafkaConfig(broker, startupTimeout, Optional.of(settings));
    }
}
