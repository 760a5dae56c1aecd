package org.imagingtriage.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.imagingtriage.tests.PipelineTestProperties;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Latency;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.tests.SyntheticEvents;
import org.imagingtriage.topology.pipeline.TriagePipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline as {@code triage run} starts it ({@link TriagePipeline#start}), against a real
 * in-JVM KRaft broker, a real Apicurio Registry and the Triton simulator serving the project's
 * model repository over TCP. Events are published the way a feed publishes them (Avro in the
 * Confluent wire format, keyed by SOP Instance UID, STAT and URGENT on the priority topic), and
 * the outputs are read back with {@code read_committed}, as reviewers and operators read them.
 * Each test runs its own pipeline with its own application id and topics.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioRegistryExtension.class})
class PipelineEndToEndIT {

    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(120);
    /** How long "nothing more arrives" is watched after the expected outputs have arrived. */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);
    private static final int MAX_REFERENCE_BYTES = 1024 * 1024;
    private static final String PHI_VALUE = "DOE^JANE";

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path images;

    private TritonSimulator triton;
    private Map<String, String> properties;
    private TriageConfig config;
    private TriagePipeline pipeline;

    PipelineEndToEndIT(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeEach
    void startSimulatorAndConfigure() throws IOException {
        triton = TritonSimulator.started(TritonSimulatorConfig
                .forRepository(BuildLayout.fromBuild().tritonModelRepository())
                .withModels(List.of(MedGemmaContract.MODEL_NAME))
                .withPort(0)
                .withLatency(LatencyProfile.FAST));
        properties = PipelineTestProperties.withOwnTopics("e2e", kafka.bootstrapServers(),
                registry.ccompatUrl());
        properties.put("triton.target", triton.target());
        properties.put("pipeline.application.id", TopicNames.unique("e2e-pipeline"));
        properties.put("topics.partitions", "2");
        properties.put("limits.max.reference.image.bytes", String.valueOf(MAX_REFERENCE_BYTES));
        properties.put("limits.reference.schemes", "file");
        properties.put("limits.reference.file.root", images.toRealPath().toString());
        properties.put("inference.retry.initial.backoff.ms", "100");
        properties.put("inference.retry.max.backoff.ms", "500");
        properties.put("observability.http.port", "0");
        config = TriageConfigLoader.fromProperties(properties, Map.of());
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        triton.close();
    }

    @Test
    void everyEventBecomesExactlyOneDraftOrDeadLetterWhileRefusedOnesCarryTheirReason() throws Exception {
        // given: the running pipeline, seven good synthetic images (one by file:// reference) and
        // four that must be refused
        pipeline = startPipeline();
        List<SampleImage> catalog = SampleImages.catalog();
        SampleImage largest = catalog.get(0);
        List<ImageEvent> good = new ArrayList<>();
        for (SampleImage sample : catalog.subList(1, catalog.size())) {
            boolean byReference = sample.name().startsWith("head-ct");
            good.add(byReference ? referenceEvent(sample, SampleImages.bytes(sample)) : inlineEvent(sample));
        }
        byte[] largestBytes = SampleImages.bytes(largest);
        assertThat(largestBytes.length).as("the oversized reference's file").isGreaterThan(MAX_REFERENCE_BYTES);
        ImageEvent oversizedReference = referenceEvent(largest, largestBytes);
        SampleImage png = catalog.stream().filter(s -> s.fileName().endsWith(".png")).skip(1).findFirst().orElseThrow();
        ImageEvent corruptImage = event(png)
                .setPayload(new InlineImage(ByteBuffer.wrap(Arrays.copyOf(SampleImages.bytes(png), 200)))).build();
        ImageEvent phiBearing = event(catalog.get(1)).setPayload(inline(catalog.get(1)))
                .setAttributes(Map.of("PatientName", PHI_VALUE)).build();
        byte[] unknownSchemaKey = "unknown-schema-record".getBytes(StandardCharsets.UTF_8);
        // Confluent wire format with a schema id the registry never issued.
        byte[] unknownSchemaValue = {0, 0x7F, 0x7F, 0x7F, 0x7F, 2, 'x', 'y'};

        // when: all of them are published, the unknown bytes between the events
        List<ImageEvent> events = new ArrayList<>(good);
        events.addAll(List.of(oversizedReference, corruptImage, phiBearing));
        publish(events.subList(0, 5));
        publishRaw(config.topics().events().name(), unknownSchemaKey, unknownSchemaValue);
        publish(events.subList(5, events.size()));
        int published = events.size() + 1;
        Outputs outputs = readOutputs(published);

        // then: exactly one output per input, nothing more
        assertThat(outputs.drafts().size() + outputs.deadLetters().size()).isEqualTo(published);
        assertThat(readOutputs(0, QUIET_PERIOD).total()).as("outputs read again after a quiet period")
                .isEqualTo(published);

        // and: every good image has its draft, keyed by its SOP Instance UID, complete and consistent
        assertThat(outputs.drafts()).hasSize(good.size());
        Map<String, ImageEvent> goodByUid = new HashMap<>();
        good.forEach(event -> goodByUid.put(event.getSopInstanceUid(), event));
        for (ConsumerRecord<byte[], DraftFinding> record : outputs.drafts()) {
            DraftFinding draft = record.value();
            ImageEvent event = goodByUid.get(draft.getSopInstanceUid());
            assertThat(event).as("draft for an image that was published").isNotNull();
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(event.getSopInstanceUid());
            assertThat(draft.getEventId()).isEqualTo(event.getEventId());
            assertThat(draft.getPriority()).isEqualTo(event.getPriority());
            assertThat(draft.getDisclaimer()).contains("not a diagnosis");
            assertThat(draft.getDraftText()).startsWith("[SIMULATED");
            assertThat(draft.getProvenance().getSimulated()).isTrue();
            assertThat(draft.getProvenance().getModelName()).isEqualTo(MedGemmaContract.MODEL_NAME);
            assertThat(draft.getProvenance().getModelVersion()).isEqualTo("1");
            assertThat(draft.getProvenance().getPromptId()).isNotBlank();
            assertThat(draft.getProvenance().getPromptSha256()).matches("[0-9a-f]{64}");
            assertThat(draft.getProvenance().getInputSha256()).matches("[0-9a-f]{64}");
            assertThat(draft.getProvenance().getPreprocessingVersion()).isNotBlank();
            assertThat(draft.getProvenance().getPipelineVersion()).isNotBlank();
            assertConsistent(draft.getLatency(), event);
        }
        assertThat(goodByUid.keySet()).containsExactlyInAnyOrderElementsOf(
                outputs.drafts().stream().map(r -> r.value().getSopInstanceUid()).toList());

        // and: each refused input is one dead letter with its stage, reason and original bytes, no PHI
        Map<String, DeadLetter> letters = new HashMap<>();
        for (ConsumerRecord<byte[], DeadLetter> record : outputs.deadLetters()) {
            letters.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
            // The original bytes are kept for replay; what operators read never repeats the PHI.
            assertThat(record.value().getDetail()).doesNotContain(PHI_VALUE);
            assertThat(record.value().getReason()).doesNotContain(PHI_VALUE);
        }
        assertThat(letters).hasSize(4);
        assertRefused(letters.get(oversizedReference.getSopInstanceUid()), Stage.RESOLVE, "IMAGE_TOO_LARGE");
        assertRefused(letters.get(corruptImage.getSopInstanceUid()), Stage.DECODE, "CORRUPT_IMAGE");
        assertRefused(letters.get(phiBearing.getSopInstanceUid()), Stage.DEIDENTIFICATION, "PHI_IN_ATTRIBUTES");
        DeadLetter unknown = letters.get(new String(unknownSchemaKey, StandardCharsets.UTF_8));
        assertRefused(unknown, Stage.DESERIALIZE, "UNKNOWN_SCHEMA_ID");
        assertThat(unknown.getOriginalValue().array()).isEqualTo(unknownSchemaValue);
        assertThat(unknown.getSourceTopic()).isEqualTo(config.topics().events().name());

        // and: /metrics counts what happened, and the pipeline reports itself live and ready
        String metrics = get("/metrics").body();
        assertThat(counter(metrics, "triage_drafts_total", "")).isEqualTo(good.size());
        assertThat(counter(metrics, "triage_dead_letters_total", "reason=\"CORRUPT_IMAGE\"")).isEqualTo(1);
        assertThat(counter(metrics, "triage_dead_letters_total", "reason=\"UNKNOWN_SCHEMA_ID\"")).isEqualTo(1);
        assertThat(counter(metrics, "triage_latency_end_to_end_seconds_count", "")).isEqualTo(good.size());
        assertThat(metrics).contains("triage_latency_end_to_end_seconds_bucket", "kafka_stream_");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void aTritonOutageDelaysDraftsButNeverDeadLettersThem() throws Exception {
        // given: a running pipeline whose Triton becomes unavailable
        pipeline = startPipeline();
        triton.faults().startUnavailable();
        List<SampleImage> samples = SampleImages.catalog().subList(1, 4);
        List<ImageEvent> events = samples.stream().map(this::inlineEvent).toList();

        // when: events arrive during the outage
        publish(events);

        // then: nothing comes out while Triton is down, the pipeline says it is not ready, and it keeps retrying
        assertThat(readOutputs(0, Duration.ofSeconds(4)).total()).isZero();
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(counter(get("/metrics").body(), "triage_inference_duration_seconds_count",
                "outcome=\"transient_error\"")).isPositive();

        // when: Triton comes back
        triton.faults().endUnavailable();

        // then: every event gets its draft and none was dead-lettered
        Outputs outputs = readOutputs(events.size());
        assertThat(outputs.drafts()).extracting(record -> record.value().getEventId())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(ImageEvent::getEventId).toList());
        assertThat(outputs.deadLetters()).isEmpty();
        assertThat(readOutputs(0, QUIET_PERIOD).total()).isEqualTo(events.size());
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void recordsInFlightAtShutdownAreSentAgainByTheNextPipeline() throws Exception {
        // given: events in flight, held by a Triton outage, when the pipeline stops
        pipeline = startPipeline();
        triton.faults().startUnavailable();
        List<ImageEvent> events = SampleImages.catalog().subList(1, 5).stream().map(this::inlineEvent).toList();
        publish(events);
        assertThat(readOutputs(0, Duration.ofSeconds(3)).total()).isZero();
        pipeline.close();

        // when: Triton is back and a new pipeline takes over the same application
        triton.faults().endUnavailable();
        pipeline = startPipeline();

        // then: it fetches what was in flight from the input topics and drafts each event once
        Outputs outputs = readOutputs(events.size());
        assertThat(outputs.drafts()).extracting(record -> record.value().getEventId())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(ImageEvent::getEventId).toList());
        assertThat(outputs.deadLetters()).isEmpty();
        assertThat(readOutputs(0, QUIET_PERIOD).total()).isEqualTo(events.size());
    }

    @Test
    void theBlockingBaselineDraftsEveryEventToo() throws Exception {
        // given: the one-call-per-record mode
        Map<String, String> blocking = new HashMap<>(properties);
        blocking.put("inference.mode", "blocking");
        config = TriageConfigLoader.fromProperties(blocking, Map.of());
        pipeline = startPipeline();
        List<ImageEvent> events = SampleImages.catalog().subList(1, 5).stream().map(this::inlineEvent).toList();

        // when
        publish(events);

        // then
        Outputs outputs = readOutputs(events.size());
        assertThat(outputs.drafts()).extracting(record -> record.value().getEventId())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(ImageEvent::getEventId).toList());
        assertThat(outputs.deadLetters()).isEmpty();
    }

    private TriagePipeline startPipeline() throws InterruptedException {
        TriagePipeline started = TriagePipeline.start(config);
        started.awaitRunning(Duration.ofSeconds(60));
        return started;
    }

    private static void assertConsistent(Latency latency, ImageEvent event) {
        assertThat(latency.getCreatedAt()).isEqualTo(event.getCreatedAt());
        assertThat(latency.getFeedToPipelineMs())
                .isEqualTo(latency.getReceivedAt().toEpochMilli() - latency.getCreatedAt().toEpochMilli())
                .isNotNegative();
        assertThat(latency.getEndToEndMs())
                .isEqualTo(latency.getDraftedAt().toEpochMilli() - latency.getCreatedAt().toEpochMilli());
        assertThat(latency.getPreprocessMs()).isNotNegative();
        // The simulator's fast profile takes at least 2 ms per request.
        assertThat(latency.getInferenceMs()).isPositive();
        // The stages lie within the end-to-end span; stage times are truncated to whole
        // milliseconds from a monotonic clock, the span from wall-clock instants: 3 ms of rounding.
        assertThat(latency.getEndToEndMs()).isGreaterThanOrEqualTo(
                latency.getFeedToPipelineMs() + latency.getPreprocessMs() + latency.getInferenceMs() - 3);
    }

    private static void assertRefused(DeadLetter letter, Stage stage, String reason) {
        assertThat(letter).as(reason).isNotNull();
        assertThat(letter.getStage()).as(reason).isEqualTo(stage);
        assertThat(letter.getReason()).isEqualTo(reason);
        assertThat(letter.getDetail()).as(reason).isNotBlank();
        assertThat(letter.getOriginalValue()).as(reason).isNotNull();
        assertThat(letter.getAttempts()).as(reason).isEqualTo(1);
    }

    private ImageEvent inlineEvent(SampleImage sample) {
        return event(sample).setPayload(inline(sample)).build();
    }

    private static InlineImage inline(SampleImage sample) {
        return new InlineImage(ByteBuffer.wrap(SampleImages.bytes(sample)));
    }

    private ImageEvent referenceEvent(SampleImage sample, byte[] bytes) throws IOException {
        Path file = Files.write(images.resolve(sample.fileName()), bytes);
        return event(sample).setPayload(new ImageRef(file.toRealPath().toUri().toString(), sha256(bytes),
                (long) bytes.length)).build();
    }

    private static ImageEvent.Builder event(SampleImage sample) {
        return SyntheticEvents.of(sample, "e2e-test-feed");
    }

    private void publish(List<ImageEvent> events) throws Exception {
        SpecificAvroSerde<ImageEvent> serde = new SpecificAvroSerde<>(ImageEvent.class);
        serde.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ImageEvent event : events) {
                String topic = event.getPriority() == Priority.ROUTINE
                        ? config.topics().events().name() : config.topics().priorityEvents().name();
                byte[] value = serde.serializer().serialize(topic, event);
                producer.send(new ProducerRecord<>(topic, event.getSopInstanceUid().getBytes(StandardCharsets.UTF_8),
                        value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void publishRaw(String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> producer = new HashMap<>(config.producerConfig());
        producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        return new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private record Outputs(List<ConsumerRecord<byte[], DraftFinding>> drafts,
            List<ConsumerRecord<byte[], DeadLetter>> deadLetters) {

        int total() {
            return drafts.size() + deadLetters.size();
        }
    }

    /** Reads drafts and dead letters from the start until {@code expected} have arrived. */
    private Outputs readOutputs(int expected) {
        Outputs outputs = readOutputs(expected, OUTPUT_TIMEOUT);
        assertThat(outputs.total()).as("outputs within " + OUTPUT_TIMEOUT).isGreaterThanOrEqualTo(expected);
        return outputs;
    }

    /**
     * Reads both output topics from the beginning, read_committed, until {@code expected} records
     * (0: never stop early) or {@code timeout}.
     */
    private Outputs readOutputs(int expected, Duration timeout) {
        SpecificAvroSerde<DraftFinding> draftSerde = new SpecificAvroSerde<>(DraftFinding.class);
        draftSerde.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        SpecificAvroSerde<DeadLetter> letterSerde = new SpecificAvroSerde<>(DeadLetter.class);
        letterSerde.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        String draftsTopic = config.topics().drafts().name();
        String deadLettersTopic = config.topics().deadLetters().name();
        Map<String, Object> consumerConfig = new HashMap<>(config.consumerConfig());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], DraftFinding>> drafts = new ArrayList<>();
        List<ConsumerRecord<byte[], DeadLetter>> deadLetters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(draftsTopic, deadLettersTopic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && (expected == 0 || drafts.size() + deadLetters.size() < expected)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(draftsTopic)) {
                        drafts.add(typed(record, draftSerde.deserializer().deserialize(draftsTopic, record.value())));
                    } else {
                        deadLetters.add(typed(record,
                                letterSerde.deserializer().deserialize(deadLettersTopic, record.value())));
                    }
                }
            }
        }
        return new Outputs(drafts, deadLetters);
    }

    private static <T> ConsumerRecord<byte[], T> typed(ConsumerRecord<byte[], byte[]> record, T value) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(), value);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.metricsPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a Prometheus counter's samples whose labels contain {@code labelFilter}. */
    private static double counter(String exposition, String name, String labelFilter) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        return sample.matcher(exposition).results()
                .filter(match -> match.group(1) == null ? labelFilter.isEmpty() : match.group(1).contains(labelFilter))
                .mapToDouble(match -> Double.parseDouble(match.group(2)))
                .sum();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
