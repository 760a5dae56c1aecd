package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.inference.PermanentTritonException;
import org.imagingtriage.inference.TransientTritonException;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.inference.InferredDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production topology in {@code inference.mode=async}, answers arriving on other threads. */
class TriageTopologyAsyncTest {

    @TempDir
    Path root;

    @Test
    void draftsEveryEventOnceWithMoreEventsThanTheWindowHolds() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given
            List<ImageEvent> sent = new CopyOnWriteArrayList<>();

            // when: ten events through a window of three routine slots
            for (int i = 0; i < 10; i++) {
                ImageEvent event = event();
                sent.add(event);
                kit.send(event);
            }
            kit.awaitOutputs(10);

            // then
            List<DraftFinding> drafts = kit.drafts.readValuesToList();
            assertThat(drafts).extracting(DraftFinding::getEventId)
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(ImageEvent::getEventId).toList());
            assertThat(kit.deadLetters.isEmpty()).isTrue();
            assertThat(drafts).allSatisfy(draft -> assertThat(draft.getLatency().getInferenceMs()).isNotNegative());
            assertThat(pointers(kit)).isEmpty();
        }
    }

    @Test
    void recordsAPointerWhileInFlightAndRemovesItWithTheDraft() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given: a model that answers only when told
            CompletableFuture<InferredDraft> answer = new CompletableFuture<>();
            kit.asyncModel = (event, image) -> answer;
            ImageEvent event = event();

            // when
            kit.send(event);
            kit.letForwardingRun();

            // then: in flight, pointed at, nothing forwarded
            assertThat(kit.drafts.isEmpty()).isTrue();
            assertThat(pointers(kit)).extracting(entry -> entry.key)
                    .containsExactly(kit.config.topics().events().name() + ":0:0");

            // when: the answer arrives
            answer.complete(PipelineTestKit.answer(event, "0".repeat(64), PipelineTestKit.MODEL_TEXT));
            kit.awaitOutputs(1);

            // then
            assertThat(kit.drafts.readValue().getEventId()).isEqualTo(event.getEventId());
            assertThat(pointers(kit)).isEmpty();
        }
    }

    @Test
    void retriesTransientFailuresUntilTheyPassAndNeverDeadLettersThem() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given: Triton unavailable for the first two attempts
            AtomicInteger calls = new AtomicInteger();
            kit.asyncModel = (event, image) -> calls.incrementAndGet() <= 2
                    ? CompletableFuture.failedFuture(new TransientTritonException(Status.Code.UNAVAILABLE,
                            "ModelInfer", "connection refused", null))
                    : CompletableFuture.completedFuture(PipelineTestKit.answer(event, "0".repeat(64),
                            PipelineTestKit.MODEL_TEXT));
            ImageEvent event = event();

            // when
            kit.send(event);
            kit.awaitOutputs(1);

            // then
            assertThat(kit.drafts.readValue().getEventId()).isEqualTo(event.getEventId());
            assertThat(kit.deadLetters.isEmpty()).isTrue();
            assertThat(calls).hasValue(3);
        }
    }

    @Test
    void deadLettersAPermanentRefusalWithTheOriginalBytes() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given
            kit.asyncModel = (event, image) -> CompletableFuture.failedFuture(new PermanentTritonException(
                    Status.Code.INVALID_ARGUMENT, "ModelInfer", "unexpected shape for input 'IMAGE'", null));
            ImageEvent event = event();

            // when
            byte[] value = kit.send(event).value();
            kit.awaitOutputs(1);

            // then
            DeadLetter deadLetter = kit.deadLetters.readValue();
            assertThat(deadLetter.getStage()).isEqualTo(Stage.INFERENCE);
            assertThat(deadLetter.getReason()).isEqualTo(PipelineReason.INFERENCE_REJECTED.name());
            assertThat(deadLetter.getDetail()).startsWith("INVALID_ARGUMENT: ");
            assertThat(deadLetter.getAttempts()).isEqualTo(1);
            assertThat(bytes(deadLetter.getOriginalValue())).isEqualTo(value);
            assertThat(kit.drafts.isEmpty()).isTrue();
            assertThat(pointers(kit)).isEmpty();
        }
    }

    @Test
    void openCircuitHoldsConsumptionUntilTheModelIsReadyAgain() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given: Triton down, and not ready, until the test says so
            AtomicInteger calls = new AtomicInteger();
            boolean[] down = {true};
            kit.modelReady = false;
            kit.asyncModel = (event, image) -> {
                calls.incrementAndGet();
                synchronized (down) {
                    return down[0] ? CompletableFuture.failedFuture(new TransientTritonException(
                            Status.Code.UNAVAILABLE, "ModelInfer", "connection refused", null))
                            : CompletableFuture.completedFuture(PipelineTestKit.answer(event, "0".repeat(64),
                                    PipelineTestKit.MODEL_TEXT));
                }
            };
            ImageEvent first = event();
            ImageEvent second = event();
            kit.send(first);
            waitUntil(() -> calls.get() >= 3);

            // when: the next event arrives while the circuit is open
            Thread consumer = new Thread(() -> kit.send(second));
            consumer.start();
            consumer.join(300);

            // then: it is held, not sent, and the first is not retried past its backoff
            assertThat(consumer.isAlive()).isTrue();
            int callsWhileOpen = calls.get();
            Thread.sleep(200);
            assertThat(calls.get()).isEqualTo(callsWhileOpen);

            // when: Triton comes back
            synchronized (down) {
                down[0] = false;
            }
            kit.modelReady = true;
            consumer.join(TimeUnit.SECONDS.toMillis(10));
            kit.awaitOutputs(2);

            // then
            assertThat(consumer.isAlive()).isFalse();
            assertThat(kit.drafts.readValuesToList()).extracting(DraftFinding::getEventId)
                    .containsExactlyInAnyOrder(first.getEventId(), second.getEventId());
            assertThat(kit.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void failedRecordsPassStraightThroughWithoutAPointer() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given: an event whose image is not a PNG at all
            ImageEvent broken = TestImages.event(ImageFormat.PNG, TestImages.inline(new byte[] {1, 2, 3}))
                    .setCreatedAt(PipelineTestKit.NOW.minusSeconds(2)).build();

            // when
            kit.send(broken);

            // then: dead-lettered at once, never sent
            assertThat(kit.deadLetters.readValue().getStage()).isEqualTo(Stage.DECODE);
            assertThat(kit.inferred).isEmpty();
            assertThat(pointers(kit)).isEmpty();
        }
    }

    private final AtomicInteger instances = new AtomicInteger();

    /** A distinct event each time: its own event id and SOP Instance UID. */
    private ImageEvent event() {
        return TestImages.event(ImageFormat.PNG, TestImages.inline(TestImages.png(TestImages.grey8(64, 48,
                        (x, y) -> (x * 3 + y) & 0xff))))
                .setEventId(UUID.randomUUID())
                .setSopInstanceUid("1.2.826.0.1.3680043.8.498.7." + instances.incrementAndGet())
                .setCreatedAt(PipelineTestKit.NOW.minusSeconds(2)).build();
    }

    private static List<KeyValue<String, Long>> pointers(PipelineTestKit kit) {
        List<KeyValue<String, Long>> all = new java.util.ArrayList<>();
        try (KeyValueIterator<String, Long> iterator = kit.inFlightPointers().all()) {
            iterator.forEachRemaining(all::add);
        }
        return all;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
