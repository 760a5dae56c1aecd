package org.imagingtriage.tests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.imagingtriage.tests.PipelineTestProperties;
import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.kafka.KafkaBrokerProcess;
import org.imagingtriage.devstack.kafka.KafkaBrokerProcessConfig;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.tests.faults.OutcomeLedger.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The async pipeline's exactly-once promise under faults: {@code triage run} in a JVM of its own
 * against a standalone broker (also a process, so it can be restarted), the shared Apicurio
 * Registry and the Triton simulator over TCP. Each test publishes a backlog of several hundred
 * events (some corrupt), injects its fault mid-run, and then a {@code read_committed} reader must
 * find exactly one output per event: a draft for every good one, a CORRUPT_IMAGE dead letter for
 * every corrupt one, nothing twice, and no dead letter caused by a transient failure.
 */
@ExtendWith(ApicurioRegistryExtension.class)
class PipelineFaultsIT {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineFaultsIT.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(3);
    /** After the last expected output: long enough for a duplicate to show up. */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(5);
    private static final List<String> PIPELINE_JVM = List.of("-Xmx512m");
    private static final int PARTITIONS = 4;
    private static final int BACKLOG = 20_000;
    private static final int BOUNDED_HEAP_MIB = 256;
    private static final int LIVE_HEAP_BOUND_MIB = 180;
    private static final Map<String, String> IMAGE_TOPIC = Map.of("max.message.bytes", String.valueOf(16 * 1024 * 1024));

    private static KafkaBrokerProcess broker;

    private final ApicurioRegistryProcess registry;
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final List<PipelineProcess> started = new ArrayList<>();

    @TempDir
    Path work;

    private TritonSimulator triton;
    private int tritonPort;
    private Map<String, String> properties;
    private Path configFile;
    private OutcomeLedger ledger;

    PipelineFaultsIT(ApicurioRegistryProcess registry) {
        this.registry = registry;
    }

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokerProcess.started(KafkaBrokerProcessConfig.defaults());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void startSimulatorAndConfigure() throws IOException {
        LOG.info("fault run seed {}", seed);
        triton = startSimulator(0);
        tritonPort = triton.port();
        properties = PipelineTestProperties.withOwnTopics("faults", broker.bootstrapServers(),
                registry.ccompatUrl());
        properties.put("triton.target", triton.target());
        properties.put("pipeline.application.id", TopicNames.unique("faults"));
        properties.put("topics.partitions", String.valueOf(PARTITIONS));
        properties.put("inference.retry.initial.backoff.ms", "100");
        properties.put("inference.retry.max.backoff.ms", "1000");
        properties.put("inference.circuit.probe.interval.ms", "500");
        properties.put("observability.http.port", "0");
        // A killed member holds its partitions until its session expires: 45 s by default.
        properties.put("kafka.session.timeout.ms", "6000");
        properties.put("kafka.heartbeat.interval.ms", "1500");
        properties.put("kafka.state.dir", work.resolve("streams-state").toString());
        configFile = work.resolve("triage.properties");
        writeConfig();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (PipelineProcess process : started) {
            process.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        triton.close();
    }

    @Test
    void killedThreeTimesMidRunThePipelineStillWritesExactlyOneOutcomePerEvent() throws Exception {
        // given a backlog of 400 events, one in 25 corrupt, and the pipeline draining it
        FaultRunEvents events = publish(new FaultRunEvents(400, 64, 25, seed));
        PipelineProcess pipeline = startPipeline();
        String processId = routineProcessId();

        // when it is killed with SIGKILL three times, at random points, and restarted each time
        for (int kill = 0; kill < 3; kill++) {
            int after = (int) (events.events().size() * (0.12 + 0.22 * kill + 0.08 * random.nextDouble()));
            awaitOutcomes(after, pipeline);
            Thread.sleep(random.nextInt(400));
            LOG.info("killing the pipeline (pid {}) after {} outcomes", pipeline.pid(), ledger.total());
            pipeline.kill();
            pipeline = startPipeline();
        }

        // then
        assertExactlyOneOutcomePerEvent(events, pipeline);
        assertThat(started.subList(1, started.size())).as("a restarted pipeline found records in flight")
                .anyMatch(restarted -> restarted.output().contains("sending in-flight records again"));
        // The same process id, so the same transactional ids: each restart fenced its dead
        // predecessor's open transaction instead of waiting for it to time out.
        assertThat(routineProcessId()).isEqualTo(processId);
    }

    /** What Streams keeps in the routine lane's state directory once its persistent stores exist. */
    private String routineProcessId() throws IOException, InterruptedException {
        Path metadata = Path.of(properties.get("kafka.state.dir"), properties.get("pipeline.application.id"),
                "kafka-streams-process-metadata");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(metadata) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return Files.readString(metadata);
    }

    @Test
    void aTwentySecondTritonOutageDelaysDraftsButDeadLettersNone() throws Exception {
        // given
        FaultRunEvents events = publish(new FaultRunEvents(300, 64, 25, seed));
        PipelineProcess pipeline = startPipeline();
        awaitOutcomes(events.events().size() / 4, pipeline);

        // when the simulator is stopped for 20 s, failing what it had queued, and started again
        // on the same port
        LOG.info("stopping the Triton simulator after {} outcomes", ledger.total());
        triton.close();
        Thread.sleep(20_000);
        assertThat(pipeline.isAlive()).as("the pipeline waits out the outage").isTrue();
        triton = startSimulator(tritonPort);

        // then
        assertExactlyOneOutcomePerEvent(events, pipeline);
    }

    @Test
    void aBrokerCrashAndRestartMidRunLosesAndDuplicatesNothing() throws Exception {
        // given
        FaultRunEvents events = publish(new FaultRunEvents(300, 64, 25, seed));
        PipelineProcess pipeline = startPipeline();
        awaitOutcomes(events.events().size() / 4, pipeline);

        // when the broker is killed and started again on the same storage and ports
        LOG.info("killing the broker after {} outcomes", ledger.total());
        broker.kill();
        broker.start();

        // then
        assertExactlyOneOutcomePerEvent(events, pipeline);
    }

    @Test
    void aTwentyThousandEventBacklogKeepsTheHeapBounded() throws Exception {
        // given a backlog of 20,000 events of about 25 KB each (500 MB), far more than the heap
        FaultRunEvents events = publish(new FaultRunEvents(BACKLOG, 160, 0, seed));

        // when the pipeline, capped at 256 MiB of heap, works on it for a while
        PipelineProcess pipeline = startPipeline(List.of("-Xmx" + BOUNDED_HEAP_MIB + "m"));
        int port = pipeline.awaitStarted(START_TIMEOUT);
        awaitOutcomes(100, pipeline);
        HeapWatch watch = new HeapWatch(port);
        long liveHeap = 0;
        for (int i = 1; i <= 30; i++) {
            watch.sample();
            if (i % 10 == 0) {
                liveHeap = Math.max(liveHeap, pipeline.liveHeapBytes());
            }
            Thread.sleep(1000);
        }
        int outcomes = ledger.total();
        LOG.info("backlog run: {} outcomes; {}; live heap after a full GC at most {} MiB", outcomes, watch,
                liveHeap / (1024 * 1024));

        // then it neither ran out of memory (it would have exited) nor stopped working, and never
        // had more requests in flight than its window; most of the backlog is still waiting
        assertThat(pipeline.isAlive()).as("alive under a %d MiB heap\n%s", BOUNDED_HEAP_MIB, pipeline.tail(60))
                .isTrue();
        assertThat(outcomes).isBetween(300, events.events().size() / 2);
        assertThat(watch.maxInFlight()).isLessThanOrEqualTo(24);
        // What stays after a full GC: the in-flight requests (24 tensors of 2.4 MB), a few
        // buffered events per partition and poll, and the clients; not the backlog.
        assertThat(liveHeap).as("live heap after a full GC").isLessThan(LIVE_HEAP_BOUND_MIB * 1024L * 1024);
    }

    /** Creates the input topics as the pipeline would (a feed's producer would create them with one partition). */
    private FaultRunEvents publish(FaultRunEvents events) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(properties.get("topics.events.name"), PARTITIONS, (short) 1).configs(IMAGE_TOPIC),
                    new NewTopic(properties.get("topics.priority.name"), PARTITIONS, (short) 1).configs(IMAGE_TOPIC)))
                    .all().get(60, TimeUnit.SECONDS);
        }
        events.publish(broker.bootstrapServers(), registry.ccompatUrl(), properties.get("topics.events.name"),
                properties.get("topics.priority.name"));
        return events;
    }

    private PipelineProcess startPipeline() throws InterruptedException {
        return startPipeline(PIPELINE_JVM);
    }

    private PipelineProcess startPipeline(List<String> jvmOptions) throws InterruptedException {
        PipelineProcess process = PipelineProcess.start(configFile, work.resolve("pipeline-" + started.size() + ".log"),
                jvmOptions);
        started.add(process);
        process.awaitStarted(START_TIMEOUT);
        if (ledger == null) {
            // The output topics exist once the pipeline has provisioned them.
            ledger = new OutcomeLedger(broker.bootstrapServers(), registry.ccompatUrl(),
                    properties.get("topics.drafts.name"), properties.get("topics.dlq.name"));
        }
        return process;
    }

    private void awaitOutcomes(int count, PipelineProcess pipeline) throws InterruptedException {
        assertThat(ledger.awaitTotal(count, PROGRESS_TIMEOUT))
                .as("%d outcomes within %s; %d so far\n%s", count, PROGRESS_TIMEOUT, ledger.total(), pipeline.tail(80))
                .isTrue();
    }

    private void assertExactlyOneOutcomePerEvent(FaultRunEvents events, PipelineProcess pipeline)
            throws InterruptedException {
        awaitOutcomes(events.events().size(), pipeline);
        Thread.sleep(QUIET_PERIOD.toMillis());
        Map<String, List<Outcome>> outcomes = ledger.byKey();
        assertThat(outcomes.keySet()).as("an outcome for every event and for nothing else")
                .containsExactlyInAnyOrderElementsOf(events.keys());
        Map<String, List<Outcome>> repeated = outcomes.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated).as("events with more than one outcome").isEmpty();
        outcomes.forEach((key, each) -> {
            Outcome outcome = each.get(0);
            if (events.corruptKeys().contains(key)) {
                assertThat(outcome.draft()).as("corrupt event %s drafted", key).isFalse();
                assertThat(outcome.reason()).isEqualTo("CORRUPT_IMAGE");
            } else {
                assertThat(outcome.draft()).as("good event %s dead-lettered (%s)", key, outcome.reason()).isTrue();
            }
        });
        assertThat(pipeline.isAlive()).as("the last pipeline is still running").isTrue();
    }

    private TritonSimulator startSimulator(int port) {
        return TritonSimulator.started(TritonSimulatorConfig
                .forRepository(BuildLayout.fromBuild().tritonModelRepository())
                .withModels(List.of(MedGemmaContract.MODEL_NAME))
                .withPort(port)
                .withLatency(LatencyProfile.FAST));
    }

    private void writeConfig() {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(configFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
