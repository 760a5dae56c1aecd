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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
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
import org.imagingtriage.topology.config.HttpReferenceSettings;
import org.imagingtriage.topology.config.ImagingSettings;
import org.imagingtriage.topology.config.InferenceMode;
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
import org.imagingtriage.topology.inference.AsyncDraftInference;
import org.imagingtriage.topology.inference.DraftInference;
import org.imagingtriage.topology.inference.InferredDraft;
import org.imagingtriage.topology.observability.TriageMetrics;

/**
 * The production topology under {@link TopologyTestDriver} (blocking inference unless built with
 * {@link #async}), with the real serde against an
 * in-memory registry, the real imaging stages, and a {@link DraftInference} the test scripts.
 * Pauses between retries advance a fake clock instead of sleeping. In async mode the scripted
 * model answers on other threads, as gRPC would, and {@link #awaitOutputs} lets wall-clock time
 * pass until the answers are forwarded.
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
    /** The lane's input topic: imaging.events, or imaging.events.priority for the priority lane. */
    final TestInputTopic<byte[], byte[]> events;
    /** Everything piped in, by offset (one partition): what the in-flight refetch finds in Kafka. */
    final Map<SourceCoordinates, SourceRecord> published = new ConcurrentHashMap<>();
    final Lane lane;
    /** What the topology was built from, for tests that run one step outside the driver. */
    final PipelineDependencies deps;
    private final String inputTopic;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private long nextOffset;
    final TestOutputTopic<String, DraftFinding> drafts;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;

    /** The answer the scripted model gives; replace it to script failures. */
    DraftInference model;
    /**
     * The async mode's model: by default {@link #model} answered on another thread, as a
     * transport thread would; replace it to hold or fail answers.
     */
    AsyncDraftInference asyncModel;
    /** What the circuit's readiness probe answers. */
    volatile boolean modelReady = true;

    PipelineTestKit(Path fileRoot) throws IOException {
        this(fileRoot, UnaryOperator.identity());
    }

    PipelineTestKit(Path fileRoot, UnaryOperator<ImagingStages> imaging) throws IOException {
        this(fileRoot, imaging, Lane.ROUTINE, InferenceSettings.defaults().withMode(InferenceMode.BLOCKING));
    }

    PipelineTestKit(Path fileRoot, Lane lane) throws IOException {
        this(fileRoot, UnaryOperator.identity(), lane, InferenceSettings.defaults().withMode(InferenceMode.BLOCKING));
    }

    /** The async mode, with small windows and a short retry backoff. */
    static PipelineTestKit async(Path fileRoot, Lane lane, int maxInFlight, int reserved, int perTask)
            throws IOException {
        return new PipelineTestKit(fileRoot, UnaryOperator.identity(), lane, new InferenceSettings(
                InferenceMode.ASYNC, maxInFlight, perTask, reserved, Duration.ofMillis(10), Duration.ofMillis(40),
                3, Duration.ofMillis(20)));
    }

    PipelineTestKit(Path fileRoot, UnaryOperator<ImagingStages> imaging, Lane lane, InferenceSettings inference)
            throws IOException {
        this.lane = lane;
        registry = new InMemorySchemaRegistry();
        LimitSettings limits = new LimitSettings(64 * 1024, 1024 * 1024, 4_000_000,
                Set.of(ReferenceScheme.FILE, ReferenceScheme.HTTPS), Optional.of(fileRoot));
        config = new TriageConfig(KafkaSettings.of("unused:9092"), PipelineSettings.defaults(),
                RegistrySettings.forUrl(registry.url()), TritonSettings.defaults("unused:8001"),
                TopicSettings.defaults(), PromptSettings.shipped(), limits, HttpReferenceSettings.defaults(),
                DeidentificationSettings.defaults(),
                ImagingSettings.defaults(), inference,
                ObservabilitySettings.defaults());
        model = (event, image) -> answer(event, image.inputSha256(), MODEL_TEXT);
        asyncModel = (event, image) -> CompletableFuture.supplyAsync(() -> model.infer(event, image), scheduler);
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
                }, Optional.of(asyncInference(inference)), serdes, retry, new TriageMetrics(meters), clock,
                "9.9.9-test");
        Properties props = new Properties();
        props.putAll(config.streamsConfig());
        this.deps = deps;
        driver = new TopologyTestDriver(TriageTopology.build(config, deps, lane), props, NOW);
        inputTopic = lane.source(config.topics()).name();

        SchemaRegistryClient producerClient = new SchemaRegistryClient(
                RegistryClientConfig.fromConfluentConfigs(serdeConfig));
        eventSerde = serde(new SpecificAvroSerde<>(ImageEvent.class, producerClient), serdeConfig);
        draftSerde = serde(new SpecificAvroSerde<>(DraftFinding.class, producerClient), serdeConfig);
        deadLetterSerde = serde(new SpecificAvroSerde<>(DeadLetter.class, producerClient), serdeConfig);
        events = driver.createInputTopic(inputTopic, new ByteArraySerializer(), new ByteArraySerializer());
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
        pipe(record);
        return record;
    }

    /** Pipes a raw record into the lane's topic and remembers it where a refetch would find it. */
    void pipe(TestRecord<byte[], byte[]> record) {
        published.put(new SourceCoordinates(inputTopic, 0, nextOffset++),
                new SourceRecord(record.key(), record.value(), NOW.toEpochMilli(), new RecordHeaders()));
        events.pipeInput(record);
    }

    /**
     * Lets wall-clock time pass in steps of the forwarding interval until {@code outputs} drafts
     * and dead letters are waiting, or a few seconds have passed: answers arrive on other threads.
     */
    void awaitOutputs(int outputs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (drafts.getQueueSize() + deadLetters.getQueueSize() < outputs && System.nanoTime() < deadline) {
            Thread.sleep(2);
            driver.advanceWallClockTime(AsyncInferStep.FORWARD_INTERVAL);
        }
    }

    /** Lets a few forwarding intervals of wall-clock time pass, for tests that expect nothing. */
    void letForwardingRun() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            Thread.sleep(2);
            driver.advanceWallClockTime(AsyncInferStep.FORWARD_INTERVAL);
        }
    }

    /** The async step's pointer store: records in flight. */
    KeyValueStore<String, Long> inFlightPointers() {
        return driver.getKeyValueStore(InFlightPointers.STORE);
    }

    private AsyncInference asyncInference(InferenceSettings settings) {
        InFlightWindow window = new InFlightWindow(settings.maxInFlight(), settings.priorityReserved());
        InferenceCircuit circuit = new InferenceCircuit(settings.circuitOpenAfterFailures(),
                settings.circuitProbeInterval(), () -> modelReady, scheduler, window::signal);
        InferenceDispatcher dispatcher = new InferenceDispatcher((event, image) -> {
            inferred.add(event);
            return asyncModel.submit(event, image);
        }, window, circuit, new RetryBackoff(settings.retryInitialBackoff(), settings.retryMaxBackoff(), () -> 0.5),
                scheduler, System::nanoTime);
        // As a broker would answer: offsets from the next one to be written on are past the end.
        return new AsyncInference(dispatcher, coordinates -> {
            Map<SourceCoordinates, SourceRecord> found = new HashMap<>();
            Map<SourceCoordinates, Long> pastEnd = new HashMap<>();
            for (SourceCoordinates source : coordinates) {
                if (source.offset() >= nextOffset) {
                    pastEnd.put(source, nextOffset);
                }
                Optional.ofNullable(published.get(source)).ifPresent(record -> found.put(source, record));
            }
            return new RefetchedRecords(found, pastEnd);
        }, settings.maxInFlightPerTask(), Duration.ofSeconds(5),
                new PastEndWatch(AsyncInferStep.END_OFFSET_GRACE, () -> fakeNanos[0]));
    }

    /** Moves the fake monotonic clock (retry pauses, how long a pointer has been past its end). */
    void advanceNanoClock(Duration duration) {
        fakeNanos[0] += duration.toNanos();
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
        scheduler.shutdownNow();
        registry.close();
    }
}
