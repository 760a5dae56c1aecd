package org.imagingtriage.topology.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.inference.medgemma.DraftParser;
import org.imagingtriage.inference.medgemma.PromptCatalog;
import org.imagingtriage.schemas.registry.RegistryClientConfig;
import org.imagingtriage.schemas.registry.SchemaRegistryClient;
import org.imagingtriage.schemas.serde.SpecificAvroSerde;
import org.imagingtriage.topology.config.DeidentificationSettings;
import org.imagingtriage.topology.config.ImagingSettings;
import org.imagingtriage.topology.config.InferenceSettings;
import org.imagingtriage.topology.config.KafkaSettings;
import org.imagingtriage.topology.config.LimitSettings;
import org.imagingtriage.topology.config.ObservabilitySettings;
import org.imagingtriage.topology.config.PipelineSettings;
import org.imagingtriage.topology.config.PromptSettings;
import org.imagingtriage.topology.config.ReferenceScheme;
import org.imagingtriage.topology.config.RegistrySettings;
import org.imagingtriage.topology.config.TopicSettings;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TritonSettings;
import org.imagingtriage.topology.inference.DraftInference;
import org.imagingtriage.topology.inference.InferredDraft;
import org.imagingtriage.topology.observability.TriageMetrics;

/**
 * The production topology under {@link TopologyTestDriver}, with the real serde against an
 * in-memory registry, the real imaging stages, and a {@link DraftInference} the test scripts.
 * Pauses between retries advance a fake clock instead of sleeping.
 */
final class PipelineTestKit implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String MODEL_TEXT = "FINDINGS: Lucent rim at the left apex.\nIMPRESSION: Possible pneumothorax."
            + "\nURGENCY: URGENT\nCRITICAL FINDINGS: pneumothorax";

    final InMemorySchemaRegistry registry;
    final TriageConfig config;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Duration> pauses = new ArrayList<>();
    final List<ImageEvent> inferred = new ArrayList<>();
    private final long[] fakeNanos = {0};
    private final TopologyTestDriver driver;
    private final SpecificAvroSerde<ImageEvent> eventSerde;
    private final SpecificAvroSerde<DraftFinding> draftSerde;
    private final SpecificAvroSerde<DeadLetter> deadLetterSerde;
    final TestInputTopic<byte[], byte[]> events;
    final TestInputTopic<byte[], byte[]> priorityEvents;
    final TestOutputTopic<String, DraftFinding> drafts;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;

    /** The answer the scripted model gives; replace it to script failures. */
    DraftInference model;

    PipelineTestKit(Path fileRoot) throws IOException {
        this(fileRoot, UnaryOperator.identity());
    }

    PipelineTestKit(Path fileRoot, UnaryOperator<ImagingStages> imaging) throws IOException {
        registry = new InMemorySchemaRegistry();
        LimitSettings limits = new LimitSettings(64 * 1024, 1024 * 1024, 4_000_000,
                Set.of(ReferenceScheme.FILE, ReferenceScheme.HTTPS), Optional.of(fileRoot));
        config = new TriageConfig(KafkaSettings.of("unused:9092"), PipelineSettings.defaults(),
                RegistrySettings.forUrl(registry.url()), TritonSettings.defaults("unused:8001"),
                TopicSettings.defaults(), PromptSettings.shipped(), limits, DeidentificationSettings.defaults(),
                ImagingSettings.defaults(), InferenceSettings.defaults(),
                ObservabilitySettings.defaults());
        model = (event, image) -> answer(event, image.inputSha256(), MODEL_TEXT);
        Map<String, Object> serdeConfig = new HashMap<>(config.serdeConfig());
        serdeConfig.put(RegistryClientConfig.MAX_RETRIES, 0);
        // The pipeline's client is not the test producer's, so it really fetches schemas by id.
        PipelineSerdes serdes = PipelineSerdes.create(serdeConfig,
                new SchemaRegistryClient(RegistryClientConfig.fromConfluentConfigs(serdeConfig)));
        TransientRetry retry = new TransientRetry(Duration.ofMillis(500), Duration.ofSeconds(4),
                Duration.ofSeconds(30), pause -> {
                    pauses.add(pause);
                    fakeNanos[0] += pause.toNanos();
                }, () -> fakeNanos[0]);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PipelineDependencies deps = new PipelineDependencies(imaging.apply(ImagingStages.from(limits)),
                (event, image) -> {
                    inferred.add(event);
                    return model.infer(event, image);
                }, serdes, retry, new TriageMetrics(meters), clock, "9.9.9-test");
        Properties props = new Properties();
        props.putAll(config.streamsConfig());
        driver = new TopologyTestDriver(TriageTopology.build(config, deps), props, NOW);

        SchemaRegistryClient producerClient = new SchemaRegistryClient(
                RegistryClientConfig.fromConfluentConfigs(serdeConfig));
        eventSerde = serde(new SpecificAvroSerde<>(ImageEvent.class, producerClient), serdeConfig);
        draftSerde = serde(new SpecificAvroSerde<>(DraftFinding.class, producerClient), serdeConfig);
        deadLetterSerde = serde(new SpecificAvroSerde<>(DeadLetter.class, producerClient), serdeConfig);
        events = driver.createInputTopic(config.topics().events().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        priorityEvents = driver.createInputTopic(config.topics().priorityEvents().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        drafts = driver.createOutputTopic(config.topics().drafts().name(), new StringDeserializer(),
                draftSerde.deserializer());
        deadLetters = driver.createOutputTopic(config.topics().deadLetters().name(), new ByteArrayDeserializer(),
                deadLetterSerde.deserializer());
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerde<T> serde(SpecificAvroSerde<T> serde, Map<String, Object> config) {
        serde.configure(config, false);
        return serde;
    }

    /** The value bytes a feed would publish for {@code event}. */
    byte[] bytes(ImageEvent event) {
        return eventSerde.serializer().serialize(config.topics().events().name(), event);
    }

    static byte[] key(ImageEvent event) {
        return event.getSopInstanceUid().getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes {@code event} as a feed would: keyed by SOP Instance UID, Confluent wire format. */
    TestRecord<byte[], byte[]> send(ImageEvent event) {
        TestRecord<byte[], byte[]> record = new TestRecord<>(key(event), bytes(event));
        events.pipeInput(record);
        return record;
    }

    double counter(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static InferredDraft answer(ImageEvent event, String inputSha256, String text) {
        return new InferredDraft(new DraftParser().parse(text), text, "medgemma-4b-it", "1",
                PromptCatalog.loadDefault().select(event.getModality(), event.getBodyPart()), inputSha256, false,
                Duration.ofMillis(5));
    }

    @Override
    public void close() {
        driver.close();
        registry.close();
    }
}
