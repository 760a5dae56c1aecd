package org.imagingtriage.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.kafka.BrokerSecurity;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaConfig;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;
import org.imagingtriage.devstack.tls.IssuedCertificate;
import org.imagingtriage.devstack.tls.LocalCertificateAuthority;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.SimulatorTls;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.tests.PipelineTestProperties;
import org.imagingtriage.tests.SyntheticEvents;
import org.imagingtriage.topology.config.TopicProvisioningException;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.pipeline.TriagePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance: the pipeline as {@code triage run} starts it, configured from one
 * {@code triage.properties} (secrets from the environment, as the topology README's recipe says),
 * reaches Kafka over SASL_SSL with SCRAM-SHA-512 as a user of its own and Triton over mutual TLS.
 * The broker is the in-JVM node with a SASL_SSL listener, Triton the simulator requiring client
 * certificates, both with certificates from a throw-away local CA; the registry stays plain http.
 * An event produced over SASL_SSL becomes a draft read back over SASL_SSL, read_committed, so the
 * pipeline's exactly-once transactions ran over the secured listener. The two mistakes an operator
 * makes first, a wrong SCRAM password and no client certificate for Triton, fail start-up at once
 * with an error that says so.
 */
@ExtendWith(ApicurioRegistryExtension.class)
class SecureTransportIT {

    private static final String BROKER_USER = "devstack-broker";
    private static final String PIPELINE_USER = "triage-pipeline";
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);
    /** Start-up must fail well before any of its own waits (Triton's two minutes, Admin's 30 s). */
    private static final Duration PROMPT_FAILURE = Duration.ofSeconds(20);

    @TempDir
    static Path pki;

    private static LocalCertificateAuthority authority;
    private static IssuedCertificate pipelineCertificate;
    private static String pipelinePassword;
    private static EmbeddedKafkaCluster kafka;
    private static TritonSimulator triton;

    private final ApicurioRegistryProcess registry;

    @TempDir
    Path work;

    private TriagePipeline pipeline;

    SecureTransportIT(ApicurioRegistryProcess registry) {
        this.registry = registry;
    }

    @BeforeAll
    static void startSecuredBrokerAndTriton() {
        authority = LocalCertificateAuthority.create(pki);
        IssuedCertificate broker = authority.issueServerCertificate("kafka-broker");
        IssuedCertificate tritonServer = authority.issueServerCertificate("triton");
        pipelineCertificate = authority.issueClientCertificate(PIPELINE_USER);
        pipelinePassword = "pipeline-" + UUID.randomUUID();
        BrokerSecurity security = BrokerSecurity.saslSsl(broker.keyStore(), authority.trustStore(), BROKER_USER,
                "broker-" + UUID.randomUUID()).withUser(PIPELINE_USER, pipelinePassword);
        kafka = EmbeddedKafkaCluster.started(EmbeddedKafkaConfig.defaults().withSecurity(security));
        triton = TritonSimulator.started(TritonSimulatorConfig
                .forRepository(BuildLayout.fromBuild().tritonModelRepository())
                .withModels(List.of(MedGemmaContract.MODEL_NAME))
                .withLatency(LatencyProfile.INSTANT)
                .withTls(SimulatorTls.mutual(tritonServer.certificateChain(), tritonServer.privateKey(),
                        authority.certificate())));
    }

    @AfterAll
    static void stopBrokerAndTriton() {
        if (triton != null) {
            triton.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void anEventProducedOverSaslSslBecomesADraftReadBackOverSaslSsl() throws Exception {
        // given: the pipeline started from its file, SCRAM secret and trust store password from the environment
        TriageConfig config = TriageConfigLoader.load(writeConfigFile("secure", true), secrets(pipelinePassword));
        pipeline = TriagePipeline.start(config);
        pipeline.awaitRunning(Duration.ofSeconds(60));
        SampleImage sample = SampleImages.catalog().get(1);
        ImageEvent event = SyntheticEvents.inline(sample, "secure-transport-test");

        // when: a feed publishes the event as the pipeline's user, over SASL_SSL
        publish(config, event);

        // then: its draft comes back, read_committed over SASL_SSL, from the exactly-once pipeline
        List<DraftFinding> drafts = readDrafts(config, 1);
        assertThat(config.streamsConfig()).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(drafts).singleElement().satisfies(draft -> {
            assertThat(draft.getEventId()).isEqualTo(event.getEventId());
            assertThat(draft.getSopInstanceUid()).isEqualTo(event.getSopInstanceUid());
            assertThat(draft.getProvenance().getSimulated()).isTrue();
            assertThat(draft.getDraftText()).startsWith("[SIMULATED");
        });
    }

    @Test
    void theConfigurationNeverShowsTheSecrets() throws Exception {
        // when
        TriageConfig config = TriageConfigLoader.load(writeConfigFile("shown", true), secrets(pipelinePassword));

        // then
        assertThat(config.toString()).contains("sasl.jaas.config=(hidden)")
                .doesNotContain(pipelinePassword, authority.trustStore().password());
    }

    @Test
    void aWrongScramPasswordFailsStartUpAtOnceWithAnAuthenticationError() throws Exception {
        // given
        String wrongPassword = "wrong-" + UUID.randomUUID();
        TriageConfig config = TriageConfigLoader.load(writeConfigFile("wrong-password", true), secrets(wrongPassword));

        // when
        long startedAt = System.nanoTime();
        Throwable failure = catchThrowable(() -> pipeline = TriagePipeline.start(config));

        // then: the operator reads what failed and why, without the password
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(PROMPT_FAILURE);
        assertThat(failure).isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("SaslAuthenticationException")
                .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512")
                .hasMessageNotContaining(wrongPassword);
    }

    @Test
    void aPipelineWithoutAClientCertificateFailsStartUpAtOnceAgainstMutualTls() throws Exception {
        // given: Triton's CA, but no triton.tls.client.* files
        TriageConfig config = TriageConfigLoader.load(writeConfigFile("no-client-cert", false),
                secrets(pipelinePassword));

        // when
        long startedAt = System.nanoTime();
        Throwable failure = catchThrowable(() -> pipeline = TriagePipeline.start(config));

        // then: not two minutes of "Triton not ready", but the handshake's own verdict
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(PROMPT_FAILURE);
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the TLS handshake with Triton at " + triton.target() + " failed: ")
                .hasMessageContaining("triton.tls.client.cert.file");
        // BoringSSL, which grpc-netty-shaded brings, says TLSV1_ALERT_CERTIFICATE_REQUIRED; the JDK's
        // TLS says certificate_required.
        assertThat(failure.getMessage()).containsIgnoringCase("certificate_required");
    }

    /**
     * The operator's {@code triage.properties}: nothing secret in it. {@code mutualTls} adds the
     * pipeline's client certificate and key for Triton.
     */
    private Path writeConfigFile(String purpose, boolean mutualTls) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(PipelineTestProperties.withOwnTopics(purpose,
                kafka.bootstrapServers(), registry.ccompatUrl()));
        properties.put("kafka.security.protocol", "SASL_SSL");
        properties.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        properties.put("kafka.ssl.truststore.type", "PKCS12");
        properties.put("kafka.ssl.truststore.location", authority.trustStore().file().toString());
        properties.put("triton.target", triton.target());
        properties.put("triton.tls.ca.file", authority.certificate().toString());
        if (mutualTls) {
            properties.put("triton.tls.client.cert.file", pipelineCertificate.certificateChain().toString());
            properties.put("triton.tls.client.key.file", pipelineCertificate.privateKey().toString());
        }
        properties.put("pipeline.application.id", TopicNames.unique(purpose + "-pipeline"));
        properties.put("topics.partitions", "1");
        properties.put("observability.http.port", "0");
        // A refused handshake fails at once; should one ever look like an outage, fail in 30 s, not 2 min.
        properties.put("triton.startup.wait.ms", "30000");
        String text = properties.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return Files.writeString(work.resolve("triage.properties"), text, StandardCharsets.UTF_8);
    }

    /** The environment an operator exports: the SCRAM login and the trust store's password. */
    private static Map<String, String> secrets(String password) {
        return Map.of(
                "TRIAGE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + PIPELINE_USER + "\" password=\"" + password + "\";",
                "TRIAGE_KAFKA_SSL_TRUSTSTORE_PASSWORD", authority.trustStore().password());
    }


    private void publish(TriageConfig config, ImageEvent event) throws Exception {
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(config.serdeConfig(), false);
        String topic = event.getPriority() == Priority.ROUTINE
                ? config.topics().events().name() : config.topics().priorityEvents().name();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(new HashMap<>(config.producerConfig()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, event.getSopInstanceUid().getBytes(StandardCharsets.UTF_8),
                    serde.serializer().serialize(topic, event))).get(30, TimeUnit.SECONDS);
        }
    }

    /** Drafts from the beginning, read_committed (the pipeline's consumer setting), until {@code expected}. */
    private List<DraftFinding> readDrafts(TriageConfig config, int expected) {
        SpecificAvroSerde<DraftFinding> serde = new SpecificAvroSerde<>(DraftFinding.class);
        serde.configure(config.serdeConfig(), false);
        String topic = config.topics().drafts().name();
        Map<String, Object> consumerConfig = new HashMap<>(config.consumerConfig());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "secure-reader-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DraftFinding> drafts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + OUTPUT_TIMEOUT.toNanos();
            while (drafts.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    drafts.add(serde.deserializer().deserialize(topic, record.value()));
                }
            }
        }
        assertThat(drafts).as("drafts within " + OUTPUT_TIMEOUT).hasSizeGreaterThanOrEqualTo(expected);
        return drafts;
    }
}
