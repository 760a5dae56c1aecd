package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.test.TestRecord;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.contract.Urgency;
import org.imagingtriage.inference.TransientTritonException;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.imaging.resolve.FileReferenceFetcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production topology's happy paths, and transient failures that must never dead-letter. */
class TriageTopologyDraftTest {

    @TempDir
    Path root;

    @Test
    void inlinePngBecomesOneDraftKeyedBySopInstanceUid() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit(root)) {
            // given
            ImageEvent event = event(TestImages.png(TestImages.grey8(1000, 500, (x, y) -> 200))).build();

            // when
            kit.send(event);

            // then
            List<TestRecord<String, DraftFinding>> drafts = kit.drafts.readRecordsToList();
            assertThat(drafts).hasSize(1);
            assertThat(drafts.get(0).key()).isEqualTo(event.getSopInstanceUid());
            DraftFinding draft = drafts.get(0).value();
            assertThat(draft.getEventId()).isEqualTo(event.getEventId());
            assertThat(draft.getSopInstanceUid()).isEqualTo(event.getSopInstanceUid());
            assertThat(draft.getStudyInstanceUid()).isEqualTo(event.getStudyInstanceUid());
            assertThat(draft.getModality()).isEqualTo("DX");
            assertThat(draft.getPriority()).isEqualTo(Priority.ROUTINE);
            assertThat(draft.getUrgency()).isEqualTo(Urgency.URGENT);
            assertThat(draft.getCriticalFindings()).containsExactly("pneumothorax");
            assertThat(draft.getDraftText()).isEqualTo(PipelineTestKit.MODEL_TEXT);
            assertThat(draft.getDisclaimer()).isEqualTo(DraftAssembler.DISCLAIMER).contains("not a diagnosis");
            assertThat(kit.deadLetters.isEmpty()).isTrue();
            assertThat(kit.counter("triage.drafts", "urgency", "URGENT")).isEqualTo(1.0);
        }
    }

    @Test
    void draftCarriesProvenanceAndAConsistentLatencyBreakdown() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit(root)) {
            // given
            ImageEvent event = event(TestImages.png(TestImages.grey8(300, 600, (x, y) -> x % 256))).build();

            // when
            kit.send(event);

            // then
            DraftFinding draft = kit.drafts.readValue();
            assertThat(draft.getProvenance().getModelName()).isEqualTo("medgemma-4b-it");
            assertThat(draft.getProvenance().getModelVersion()).isEqualTo("1");
            assertThat(draft.getProvenance().getPromptId()).isNotBlank();
            assertThat(draft.getProvenance().getPromptSha256()).matches("[0-9a-f]{64}");
            assertThat(draft.getProvenance().getInputSha256()).matches("[0-9a-f]{64}");
            assertThat(draft.getProvenance().getPreprocessingVersion()).isNotBlank();
            assertThat(draft.getProvenance().getPipelineVersion()).isEqualTo("9.9.9-test");
            assertThat(draft.getProvenance().getSimulated()).isFalse();
            var latency = draft.getLatency();
            assertThat(latency.getCreatedAt()).isEqualTo(event.getCreatedAt());
            assertThat(latency.getReceivedAt()).isEqualTo(PipelineTestKit.NOW);
            assertThat(latency.getFeedToPipelineMs()).isEqualTo(2000);
            assertThat(latency.getEndToEndMs())
                    .isEqualTo(latency.getDraftedAt().toEpochMilli() - latency.getCreatedAt().toEpochMilli());
            assertThat(latency.getPreprocessMs()).isNotNegative();
            assertThat(latency.getInferenceMs()).isNotNegative();
        }
    }

    @Test
    void priorityEventIsDraftedWithItsPriorityAndAskedForAtThatPriority() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit(root, Lane.PRIORITY)) {
            // given
            ImageEvent event = event(TestImages.png(TestImages.grey8(64, 64, (x, y) -> 30)))
                    .setPriority(Priority.STAT).build();

            // when
            kit.events.pipeInput(PipelineTestKit.key(event), kit.bytes(event));

            // then
            assertThat(kit.drafts.readValue().getPriority()).isEqualTo(Priority.STAT);
            assertThat(kit.inferred).extracting(ImageEvent::getPriority).containsExactly(Priority.STAT);
        }
    }

    @Test
    void fileReferenceIsFetchedCheckedAndDrafted() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit(root)) {
            // given
            byte[] jpeg = TestImages.jpeg(TestImages.rgb(640, 480, (x, y) -> 0x406080));
            Path file = Files.write(root.resolve("knee.jpg"), jpeg);
            ImageEvent event = event(jpeg).setFormat(ImageFormat.JPEG)
                    .setPayload(new ImageRef(file.toUri().toString(), sha256(jpeg), (long) jpeg.length)).build();

            // when
            kit.send(event);

            // then
            assertThat(kit.drafts.readValue().getSopInstanceUid()).isEqualTo(event.getSopInstanceUid());
            assertThat(kit.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void transientInferenceFailuresAreRetriedWithBackoffAndNeverDeadLetter() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit(root)) {
            // given: Triton unavailable twice, then answering
            AtomicInteger calls = new AtomicInteger();
            kit.model = (event, image) -> {
                if (calls.incrementAndGet() <= 2) {
                    throw new TransientTritonException(Status.Code.UNAVAILABLE, "ModelInfer", "restarting", null);
                }
                return PipelineTestKit.answer(event, image.inputSha256(), PipelineTestKit.MODEL_TEXT);
            };

            // when
            kit.send(event(TestImages.png(TestImages.grey8(64, 64, (x, y) -> 1))).build());

            // then
            assertThat(kit.drafts.readRecordsToList()).hasSize(1);
            assertThat(kit.deadLetters.isEmpty()).isTrue();
            assertThat(kit.pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }

    @Test
    void transientFailureOutlastingTheBudgetStopsTheRecordWithoutOutputUntilItIsProcessedAgain() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit(root)) {
            // given: Triton down for longer than a stream thread may pause
            kit.model = (event, image) -> {
                throw new TransientTritonException(Status.Code.UNAVAILABLE, "ModelInfer", "connection refused", null);
            };
            ImageEvent event = event(TestImages.png(TestImages.grey8(64, 64, (x, y) -> 1))).build();

            // when
            Throwable thrown = catchThrowable(() -> kit.send(event));

            // then: nothing is published, so the uncommitted record is read again after the thread is replaced
            assertThat(thrown).hasRootCauseInstanceOf(TransientTritonException.class);
            assertThat(causeOfType(thrown, StillTransientException.class)).isNotNull();
            assertThat(kit.drafts.isEmpty()).isTrue();
            assertThat(kit.deadLetters.isEmpty()).isTrue();
            assertThat(kit.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(30));

            // and when Triton is back and the record is processed again
            kit.model = (e, image) -> PipelineTestKit.answer(e, image.inputSha256(), PipelineTestKit.MODEL_TEXT);
            kit.send(event);

            // then
            assertThat(kit.drafts.readValue().getEventId()).isEqualTo(event.getEventId());
        }
    }

    @Test
    void referenceThatCannotBeReadForNowIsRetried() throws Exception {
        // given: the first read fails with an I/O error, the second succeeds
        AtomicInteger reads = new AtomicInteger();
        FileReferenceFetcher files = FileReferenceFetcher.rootedAt(root);
        try (PipelineTestKit kit = new PipelineTestKit(root, imaging -> new ImagingStages(
                imaging.resolver().withFetcher(FileReferenceFetcher.SCHEME, uri -> {
                    if (reads.incrementAndGet() == 1) {
                        throw new ImagingException(ImagingReason.REFERENCE_READ_FAILED, "I/O error (simulated)");
                    }
                    return files.open(uri);
                }), imaging.decoders(), imaging.gate(), imaging.preprocessor()))) {
            byte[] png = TestImages.png(TestImages.grey8(64, 64, (x, y) -> 9));
            Path file = Files.write(root.resolve("cxr.png"), png);
            ImageEvent event = event(png)
                    .setPayload(new ImageRef(file.toUri().toString(), sha256(png), (long) png.length)).build();

            // when
            kit.send(event);

            // then
            assertThat(kit.drafts.readRecordsToList()).hasSize(1);
            assertThat(kit.deadLetters.isEmpty()).isTrue();
            assertThat(kit.pauses).containsExactly(Duration.ofMillis(500));
        }
    }

    @Test
    void unreachableRegistryIsRetriedNotDeadLettered() throws Exception {
        try (PipelineTestKit kit = new PipelineTestKit(root)) {
            // given: the event was written while the registry was up; now it restarts
            ImageEvent event = event(TestImages.png(TestImages.grey8(64, 64, (x, y) -> 1))).build();
            byte[] value = kit.bytes(event);
            kit.registry.unavailable(true);

            // when
            Throwable thrown = catchThrowable(() -> kit.events.pipeInput(PipelineTestKit.key(event), value));

            // then
            assertThat(causeOfType(thrown, StillTransientException.class)).isNotNull();
            assertThat(kit.deadLetters.isEmpty()).isTrue();

            // and when it is back
            kit.registry.unavailable(false);
            kit.events.pipeInput(PipelineTestKit.key(event), value);

            // then
            assertThat(kit.drafts.readRecordsToList()).hasSize(1);
        }
    }

    @Test
    void identityInTheEventIsRefusedBeforeItsImageIsFetched() throws Exception {
        // given: a reference that would fail differently if anything tried to fetch it
        try (PipelineTestKit kit = new PipelineTestKit(root)) {
            ImageEvent event = event(new byte[0])
                    .setPayload(new ImageRef(root.resolve("absent.png").toUri().toString(), "0".repeat(64), 10L))
                    .setAttributes(java.util.Map.of("PatientID", "12345")).build();

            // when
            kit.send(event);

            // then
            assertThat(kit.deadLetters.readValue().getReason()).isEqualTo(ImagingReason.PHI_IN_ATTRIBUTES.name());
        }
    }

    private static ImageEvent.Builder event(byte[] png) {
        return TestImages.event(ImageFormat.PNG, TestImages.inline(png)).setCreatedAt(PipelineTestKit.NOW.minusSeconds(2));
    }

    private static <T extends Throwable> T causeOfType(Throwable thrown, Class<T> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
