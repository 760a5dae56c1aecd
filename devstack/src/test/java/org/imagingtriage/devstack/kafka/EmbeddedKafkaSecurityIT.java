package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.devstack.tls.IssuedCertificate;
import org.imagingtriage.devstack.tls.LocalCertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded node with SASL_SSL and SCRAM-SHA-512: a client user other than the broker's
 * produces transactionally and reads committed records (transaction markers travel between the
 * broker and itself over the same secured listener), and the failures an operator meets first
 * are quick and say what is wrong.
 */
class EmbeddedKafkaSecurityIT {

    private static final String BROKER_USER = "devstack-broker";
    private static final String CLIENT_USER = "pipeline";
    private static final Duration POLL_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path certificates;

    private static BrokerSecurity security;
    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startSecureBroker() {
        LocalCertificateAuthority authority = LocalCertificateAuthority.create(certificates);
        IssuedCertificate broker = authority.issueServerCertificate("broker");
        security = BrokerSecurity.saslSsl(broker.keyStore(), authority.trustStore(), BROKER_USER,
                        "broker-" + UUID.randomUUID())
                .withUser(CLIENT_USER, "client-" + UUID.randomUUID());
        kafka = EmbeddedKafkaCluster.started(EmbeddedKafkaConfig.defaults().withSecurity(security));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aScramUserProducesTransactionallyAndReadsCommittedRecordsOverSaslSsl() throws Exception {
        // given: a topic made through the endpoint's own (broker user) settings
        String topic = TopicNames.unique("secure");
        kafka.createTopic(topic, 1);
        Map<String, Object> producerConfig = clientConfig(CLIENT_USER);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "secure-tx-" + UUID.randomUUID());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);

        // when: one transaction aborts, the next commits
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "study-1", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "study-1", "committed"));
            producer.commitTransaction();
        }

        // then: the markers were written, so read_committed sees exactly the committed record
        Map<String, Object> consumerConfig = clientConfig(CLIENT_USER);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "secure-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
        }
        assertThat(values).containsExactly("committed");
    }

    @Test
    void theEndpointsOwnSettingsCarryTheBrokerUserAndTrustStore() {
        // when
        Map<String, Object> admin = kafka.adminConfig();

        // then
        assertThat(admin).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", security.trustStore().file().toString());
        assertThat((String) admin.get(SaslConfigs.SASL_JAAS_CONFIG)).contains("username=\"" + BROKER_USER + "\"");
        assertThat(kafka.producerConfig()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(kafka.bootstrapServers()).startsWith("localhost:");
    }

    @Test
    void aWrongPasswordFailsAuthenticationAtOnce() {
        // given
        Map<String, Object> config = clientConfig(CLIENT_USER);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, BrokerSecurity.jaasConfig(CLIENT_USER, "not-the-password"));

        // when
        long startedAt = System.nanoTime();
        Throwable failure = describeCluster(config);

        // then: an authentication error well before any timeout, and no password in its message
        assertThat(failure).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("SCRAM-SHA-512")
                .hasMessageNotContaining("not-the-password");
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCertificateFailsTheHandshake() {
        // given: the JVM's default trust store, which knows nothing of the local authority
        Map<String, Object> config = clientConfig(CLIENT_USER);
        config.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);

        // then
        assertThat(describeCluster(config)).isInstanceOf(SslAuthenticationException.class);
    }

    private static Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = security.clientConfig(user);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return config;
    }

    private static Throwable describeCluster(Map<String, Object> config) {
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected an authentication failure, got " + e, e);
        }
        throw new AssertionError("the cluster answered a client that should have been refused");
    }
}
