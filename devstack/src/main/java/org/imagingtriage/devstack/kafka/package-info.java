/**
 * Real Kafka for tests, the demo and benchmarks, without containers.
 *
 * <ul>
 *   <li>{@link org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster}: one KRaft node in this JVM,
 *       fast to start; tests get a run-wide shared one from
 *       {@link org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension}.</li>
 *   <li>{@link org.imagingtriage.devstack.kafka.KafkaBrokerProcess}: one KRaft node in a child JVM,
 *       for crash, graceful-stop and restart scenarios.</li>
 * </ul>
 *
 * Both are configured for exactly_once_v2 on a single node through
 * {@link org.imagingtriage.devstack.kafka.BrokerSettings}, and both hand out client settings as a
 * {@link org.imagingtriage.devstack.kafka.KafkaEndpoint}. The in-JVM node can also serve SASL_SSL
 * with SCRAM-SHA-512 ({@link org.imagingtriage.devstack.kafka.BrokerSecurity}).
 */
package org.imagingtriage.devstack.kafka;
