package org.imagingtriage.tests.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.imagingtriage.tests.PipelineTestProperties;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.ChildJvm;
import org.imagingtriage.devstack.ParentWatchingMain;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.devstack.samples.DicomUids;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.tests.faults.OutcomeLedger;
import org.imagingtriage.topology.cli.TriageCommand;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.feed.EventDefaults;
import org.imagingtriage.topology.feed.UidMinter;
import org.imagingtriage.topology.feed.orthanc.FeedHeartbeat;
import org.imagingtriage.topology.feed.orthanc.FollowMode;
import org.imagingtriage.topology.feed.orthanc.OrthancFeed;
import org.imagingtriage.topology.feed.orthanc.OrthancFeedOptions;
import org.imagingtriage.topology.feed.orthanc.OrthancFeedSession;
import org.imagingtriage.topology.feed.orthanc.OrthancFeedSummary;
import org.imagingtriage.topology.feed.orthanc.PriorityRule;
import org.imagingtriage.topology.feed.orthanc.PriorityRules;
import org.imagingtriage.topology.feed.orthanc.StartPosition;
import org.imagingtriage.topology.pipeline.TriagePipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Orthanc feed against real software: Debian's Orthanc started for each test, dcmtk's
 * {@code dcmsend} pushing DICOM files into it, an in-JVM broker and Apicurio Registry, and for
 * the end-to-end test the pipeline and the Triton simulator. Published events are read back with
 * read_committed, as the pipeline reads them.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioRegistryExtension.class})
class OrthancFeedIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);
    /** Identified test files Debian's pydicom ships: real patient-name and id elements with values. */
    private static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final UidMinter UID = UidMinter.random();

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registry;

    @TempDir
    Path work;

    private OrthancProcess orthanc;
    private Map<String, String> properties;

    OrthancFeedIT(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @BeforeEach
    void startOrthanc() throws Exception {
        orthanc = OrthancProcess.start(Files.createDirectories(work.resolve("orthanc")), 1);
        properties = PipelineTestProperties.withOwnTopics("orthanc", kafka.bootstrapServers(),
                registry.ccompatUrl());
        properties.put("topics.partitions", "2");
        properties.put("feed.state.topic", TopicNames.unique("orthanc-feed-state"));
        properties.put("feed.orthanc.url", orthanc.url().toString());
        properties.put("feed.orthanc.username", OrthancProcess.USER);
        properties.put("feed.orthanc.password", OrthancProcess.PASSWORD);
        properties.put("feed.orthanc.request.timeout.ms", "10000");
        // The pipeline provisions the topics it reads; a feed only writes to them. Tests that run no
        // pipeline create them as an operator would.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(properties.get("topics.events.name"), 2, (short) 1),
                    new NewTopic(properties.get("topics.priority.name"), 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stopOrthanc() throws InterruptedException {
        orthanc.close();
    }

    @Test
    void everyInstanceSentToOrthancBecomesExactlyOneDraftOrDeadLetter() throws Exception {
        // given: the pipeline (reading Orthanc's files by reference with the feed's credentials), a feed
        // sending CT by reference and MR inline, CT marked URGENT by a rule
        TritonSimulator triton = TritonSimulator.started(TritonSimulatorConfig
                .forRepository(BuildLayout.fromBuild().tritonModelRepository())
                .withModels(List.of(MedGemmaContract.MODEL_NAME)).withPort(0).withLatency(LatencyProfile.FAST));
        Map<String, String> pipelineProperties = new HashMap<>(properties);
        pipelineProperties.put("triton.target", triton.target());
        pipelineProperties.put("pipeline.application.id", TopicNames.unique("orthanc-pipeline"));
        pipelineProperties.put("observability.http.port", "0");
        pipelineProperties.put("references.http.origins", orthanc.url().toString());
        pipelineProperties.put("references.http.username", OrthancProcess.USER);
        pipelineProperties.put("references.http.password", OrthancProcess.PASSWORD);
        List<Path> deidentified = new ArrayList<>();
        deidentified.addAll(instances("head-ct-09", 1, 3));
        deidentified.addAll(instances("head-mr-10", 1, 3));
        List<Path> identified = List.of(PYDICOM_FILES.resolve("CT_small.dcm"), PYDICOM_FILES.resolve("MR_small.dcm"));
        try (TriagePipeline pipeline = TriagePipeline.start(TriageConfigLoader.fromProperties(pipelineProperties,
                     Map.of()));
             OutcomeLedger outcomes = new OutcomeLedger(kafka.bootstrapServers(), registry.ccompatUrl(),
                     properties.get("topics.drafts.name"), properties.get("topics.dlq.name"));
             RunningFeed feed = RunningFeed.start(feedSession(FollowMode.NEW_INSTANCE, false, 200_000,
                     List.of("Modality=CT->URGENT")))) {
            pipeline.awaitRunning(Duration.ofSeconds(60));

            // when: the images are sent to Orthanc over DICOM
            orthanc.send(deidentified);
            orthanc.send(identified);
            int sent = deidentified.size() + identified.size();

            // then: one output per instance, nothing more
            assertThat(outcomes.awaitTotal(sent, TIMEOUT)).as("outputs for every instance").isTrue();
            Thread.sleep(QUIET_PERIOD.toMillis());
            assertThat(outcomes.total()).isEqualTo(sent);
            Map<String, List<OutcomeLedger.Outcome>> byUid = outcomes.byKey();
            assertThat(byUid).hasSize(sent).allSatisfy((uid, list) -> assertThat(list).hasSize(1));

            // and: the de-identified instances are drafted, the identified ones stopped by the gate
            Set<String> deidentifiedUids = uidsOf(deidentified);
            assertThat(byUid).allSatisfy((uid, list) -> {
                OutcomeLedger.Outcome outcome = list.get(0);
                if (deidentifiedUids.contains(uid)) {
                    assertThat(outcome.draft()).as("draft for a de-identified instance").isTrue();
                } else {
                    assertThat(outcome.draft()).as("an identified instance is not drafted").isFalse();
                    assertThat(outcome.reason()).isIn("PHI_IN_DICOM_HEADER", "IDENTITY_NOT_REMOVED");
                }
            });

            // and: the events carried the DICOM header's identity, the rule's priority and the payload rule
            List<ImageEvent> events = publishedEvents(sent);
            Map<String, ImageEvent> eventByUid = events.stream()
                    .collect(Collectors.toMap(ImageEvent::getSopInstanceUid, Function.identity()));
            for (ImageEvent event : events) {
                assertThat(event.getFormat()).isEqualTo(ImageFormat.DICOM);
                assertThat(event.getSource()).isEqualTo("orthanc:127.0.0.1:" + orthanc.url().getPort());
                assertThat(event.getDeidentification().getAsserted()).isTrue();
                assertThat(event.getAttributes()).isEmpty();
                if (event.getModality().equals("CT")) {
                    assertThat(event.getPriority()).isEqualTo(Priority.URGENT);
                } else {
                    assertThat(event.getPriority()).isEqualTo(Priority.ROUTINE);
                }
            }
            assertThat(deidentifiedUids).allSatisfy(uid -> {
                ImageEvent event = eventByUid.get(uid);
                assertThat(event.getPayload()).isInstanceOf(event.getModality().equals("CT")
                        ? ImageRef.class : InlineImage.class);
            });
            ImageRef reference = (ImageRef) eventByUid.values().stream()
                    .filter(event -> event.getPayload() instanceof ImageRef).findFirst().orElseThrow().getPayload();
            assertThat(reference.getUri()).startsWith(orthanc.url() + "/instances/").endsWith("/file");
            assertThat(reference.getSha256()).matches("[0-9a-f]{64}");
        } finally {
            triton.close();
        }
    }

    @Test
    void aFeedKilledMidStreamResumesWithoutLosingOrRepeatingAnInstance() throws Exception {
        // given: a feed in a JVM of its own, committing often, while instances keep arriving in Orthanc
        List<Path> files = instances("head-mr-10", 4, 15);
        Path config = writeConfig();
        Path firstLog = work.resolve("feed-1.log");
        Process first = startFeedProcess(config, firstLog, "BEGINNING");
        awaitOutput(first, firstLog, "following ");
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendInBatches(files, 5));

        // when: the feed is killed (SIGKILL) once some instances are published, and started again
        try (PublishedEvents published = publishedEventsReader()) {
            assertThat(published.awaitAtLeast(12, TIMEOUT)).hasSizeGreaterThanOrEqualTo(12);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int beforeKill = published.readFor(Duration.ofMillis(500)).size();
            Path secondLog = work.resolve("feed-2.log");
            // From LATEST: were the stored position lost, everything sent meanwhile would be skipped.
            Process second = startFeedProcess(config, secondLog, "LATEST");
            try {
                awaitOutput(second, secondLog, "following ");
                sending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                // then: every instance sent is published exactly once
                List<ImageEvent> events = published.awaitAtLeast(files.size(), TIMEOUT);
                events = published.readFor(QUIET_PERIOD);
                assertThat(events).extracting(ImageEvent::getSopInstanceUid)
                        .doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(uidsOf(files));
                assertThat(beforeKill).as("published before the kill").isLessThan(files.size());
                assertThat(Files.readString(secondLog)).as("the second feed resumed from the stored state")
                        .containsPattern("as orthanc:\\S+ \\(NEW_INSTANCE\\); [1-9][0-9]* instances already published");
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSeriesStableAgainPublishesOnlyItsNewInstancesAndAResetRepeatsNothing() throws Exception {
        // given: a feed following stable series
        String study = UID.mint();
        String series = UID.mint();
        List<Path> firstPart = instances("head-ct-09", study, series, 3);
        List<Path> secondPart = instances("head-ct-09", study, series, 2);
        try (PublishedEvents published = publishedEventsReader()) {
            try (RunningFeed feed = RunningFeed.start(feedSession(FollowMode.STABLE_SERIES, false,
                    Long.MAX_VALUE, List.of()))) {
                // when: a series arrives, becomes stable, grows and becomes stable again
                orthanc.send(firstPart);
                assertThat(published.awaitAtLeast(3, TIMEOUT)).hasSize(3);
                orthanc.send(secondPart);

                // then: each instance is published once, the first three not again
                published.awaitAtLeast(5, TIMEOUT);
                List<ImageEvent> events = published.readFor(QUIET_PERIOD);
                assertThat(events).extracting(ImageEvent::getSopInstanceUid).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(uidsOf(List.of(firstPart, secondPart).stream()
                                .flatMap(List::stream).toList()));
                assertThat(events).extracting(ImageEvent::getSeriesInstanceUid).containsOnly(series);
            }

            // when: the feed is run again from Orthanc's first change
            OrthancFeedSummary again;
            try (OrthancFeedSession session = feedSession(FollowMode.STABLE_SERIES, true, Long.MAX_VALUE, List.of())) {
                again = session.feed().run();
            }

            // then: it finds everything already published
            assertThat(again.published()).isZero();
            assertThat(again.alreadyPublished()).isGreaterThanOrEqualTo(5);
            assertThat(published.readFor(QUIET_PERIOD)).hasSize(5);
        }
    }

    @Test
    void aSeriesWhoseStableChangeOrthancNeverLoggedIsStillPublished() throws Exception {
        // given: an Orthanc with a long StableAge, and a feed following stable series
        orthanc.close();
        orthanc = OrthancProcess.start(Files.createDirectories(work.resolve("orthanc-slow-stable")), 30);
        properties.put("feed.orthanc.url", orthanc.url().toString());
        List<Path> series = instances("head-mr-10", UID.mint(), UID.mint(), 2);
        try (PublishedEvents published = publishedEventsReader();
             RunningFeed feed = RunningFeed.start(feedSession(FollowMode.STABLE_SERIES, false, Long.MAX_VALUE,
                     List.of()))) {
            // when: Orthanc stops before the series is stable, so it never logs StableSeries, and starts again
            orthanc.send(series);
            orthanc.close();
            orthanc.restart();

            // then: the feed asks about the series it saw arrive and publishes it once Orthanc calls it stable
            published.awaitAtLeast(2, TIMEOUT);
            assertThat(published.readFor(QUIET_PERIOD)).extracting(ImageEvent::getSopInstanceUid)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(uidsOf(series));
        }
    }

    @Test
    void anOrthancOutageIsWaitedOutAndTheFeedCatchesUp() throws Exception {
        // given: a running feed that has published one instance
        List<Path> before = instances("head-mr-10", 1, 1);
        List<Path> after = instances("head-mr-10", 1, 2);
        try (PublishedEvents published = publishedEventsReader();
             RunningFeed feed = RunningFeed.start(feedSession(FollowMode.NEW_INSTANCE, false, Long.MAX_VALUE,
                     List.of()))) {
            orthanc.send(before);
            assertThat(published.awaitAtLeast(1, TIMEOUT)).hasSize(1);

            // when: Orthanc stops for a while, then starts again on its storage and receives more
            orthanc.close();
            Thread.sleep(3_000);
            assertThat(feed.isRunning()).as("the feed waits for Orthanc").isTrue();
            orthanc.restart();
            orthanc.send(after);

            // then: the feed publishes the new instances, once each
            published.awaitAtLeast(3, TIMEOUT);
            assertThat(published.readFor(QUIET_PERIOD)).extracting(ImageEvent::getSopInstanceUid)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(uidsOf(List.of(before, after)
                            .stream().flatMap(List::stream).toList()));
        }
    }

    /** A feed running on a thread of its own until closed. */
    private record RunningFeed(OrthancFeedSession session, CompletableFuture<OrthancFeedSummary> run)
            implements AutoCloseable {

        static RunningFeed start(OrthancFeedSession session) {
            OrthancFeed feed = session.feed();
            return new RunningFeed(session, CompletableFuture.supplyAsync(() -> {
                try {
                    return feed.run();
                } catch (Exception e) {
                    throw new IllegalStateException("the feed failed", e);
                }
            }));
        }

        boolean isRunning() {
            return !run.isDone();
        }

        @Override
        public void close() throws Exception {
            session.feed().cancel();
            try {
                run.get(60, TimeUnit.SECONDS);
            } finally {
                session.close();
            }
        }
    }

    private OrthancFeedSession feedSession(FollowMode follow, boolean resetUntilIdle, long inlineMaxBytes,
                                           List<String> rules) throws Exception {
        var config = TriageConfigLoader.orthancFeedFromProperties(properties, Map.of());
        EventDefaults claims = new EventDefaults(Optional.empty(), Optional.empty(), Priority.ROUTINE,
                "orthanc:127.0.0.1:" + orthanc.url().getPort(), true, Optional.of("synthetic, never identified"));
        long inline = Math.min(inlineMaxBytes, config.client().limits().maxInlineImageBytes());
        OrthancFeedOptions options = new OrthancFeedOptions(follow, StartPosition.BEGINNING, resetUntilIdle,
                resetUntilIdle, 5, Duration.ofMillis(200), inline, config.client().limits().maxReferenceImageBytes(),
                4, Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1));
        return OrthancFeedSession.open(config, claims,
                new PriorityRules(rules.stream().map(PriorityRule::parse).toList(), Priority.ROUTINE), options,
                duration -> Thread.sleep(duration.toMillis()), FeedHeartbeat.NONE);
    }

    /** {@code count} instances of a DICOM sample, each in a study and series of its own. */
    private List<Path> instances(String sampleName, int studies, int perStudy) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int study = 0; study < studies; study++) {
            files.addAll(instances(sampleName, UID.mint(), UID.mint(), perStudy));
        }
        return files;
    }

    private List<Path> instances(String sampleName, String study, String series, int count) throws IOException {
        SampleImage sample = SampleImages.catalog().stream().filter(s -> s.name().equals(sampleName)).findFirst()
                .orElseThrow();
        Path directory = Files.createDirectories(work.resolve("dicom"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sop = UID.mint();
            Path file = directory.resolve(sop + ".dcm");
            Files.write(file, SampleImages.dicomInstance(sample, new DicomUids(study, series, sop)));
            files.add(file);
        }
        return files;
    }

    /** The SOP Instance UIDs of files this test wrote: their names. */
    private static Set<String> uidsOf(List<Path> files) {
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            uids.add(name.substring(0, name.length() - ".dcm".length()));
        }
        return uids;
    }

    private void sendInBatches(List<Path> files, int batch) {
        try {
            for (int start = 0; start < files.size(); start += batch) {
                orthanc.send(files.subList(start, Math.min(files.size(), start + batch)));
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<ImageEvent> publishedEvents(int count) {
        try (PublishedEvents published = publishedEventsReader()) {
            return published.awaitAtLeast(count, TIMEOUT);
        }
    }

    private PublishedEvents publishedEventsReader() {
        return new PublishedEvents(kafka.bootstrapServers(), registry.ccompatUrl(),
                List.of(properties.get("topics.events.name"), properties.get("topics.priority.name")));
    }

    private Path writeConfig() throws IOException {
        Properties file = new Properties();
        file.putAll(properties);
        Path path = work.resolve("feed.properties");
        try (var out = Files.newOutputStream(path)) {
            file.store(out, "OrthancFeedIT");
        }
        return path;
    }

    private static Process startFeedProcess(Path config, Path log, String from) throws IOException {
        List<String> arguments = List.of(TriageCommand.class.getName(), "feed", "orthanc", "--config", config.toString(),
                "--from", from, "--page-size", "5", "--commit-interval-ms", "200", "--poll-interval-ms", "200");
        List<String> command = ChildJvm.command(List.of("-Xmx256m"), System.getProperty("java.class.path"),
                ParentWatchingMain.class.getName(), arguments);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static void awaitOutput(Process process, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (output.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the feed exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the feed did not print '" + text + "' within " + TIMEOUT);
    }
}
