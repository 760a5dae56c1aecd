package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.inference.InferredDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The async step taking over a task whose store holds pointers, as after a crash or rebalance:
 * Streams restores the store, then initialises the step, which must send those records again.
 */
class AsyncInferStepRestartTest {

    @TempDir
    Path root;

    @Test
    void sendsThePointedRecordsAgainAndDeadLettersOnesThatAreGone() throws Exception {
        // The kit's own task keeps its three calls, and their slots, to the end.
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 8, 1, 8)) {
            // given three events sent by the previous owner and never answered, the first of
            // which retention has since deleted; its pointer sorts first, so a step that forwarded
            // from init would do it before the downstream nodes exist
            kit.asyncModel = (event, image) -> new CompletableFuture<>();
            List<ImageEvent> sent = List.of(event(), event(), event());
            sent.forEach(kit::send);
            List<KeyValue<String, Long>> restored = pointers(kit.inFlightPointers());
            String topic = kit.config.topics().events().name();
            kit.published.remove(new SourceCoordinates(topic, 0, 0));
            kit.asyncModel = (event, image) -> CompletableFuture.completedFuture(
                    PipelineTestKit.answer(event, image.inputSha256(), PipelineTestKit.MODEL_TEXT));

            // when: a new owner of the task starts, whose downstream nodes are not initialised
            // until this one's init has returned
            TaskContext context = new TaskContext();
            KeyValueStore<String, Long> store = restoredStore(context.mock, restored);
            Processor<byte[], TriageRecord, byte[], TriageRecord> step = newStep(kit);
            context.init(step);
            punctuateUntil(context.mock, 3);

            // then: the two that still exist are drafted again from their refetched bytes; the
            // deleted one dead-letters, naming where it was
            List<TriageRecord> forwarded = forwarded(context.mock);
            assertThat(forwarded).hasSize(3);
            assertThat(forwarded.stream().filter(r -> !r.failed()))
                    .allSatisfy(drafted -> assertThat(drafted.draft()).isPresent())
                    .extracting(drafted -> drafted.event().getEventId())
                    .containsExactlyInAnyOrder(sent.get(1).getEventId(), sent.get(2).getEventId());
            TriageRecord lost = forwarded.stream().filter(TriageRecord::failed).findFirst().orElseThrow();
            assertThat(lost.failure().orElseThrow().reason()).isEqualTo(PipelineReason.SOURCE_RECORD_LOST.name());
            assertThat(lost.failure().orElseThrow().detail()).isEqualTo("offset 0 of " + topic + "-0 no longer exists");
            assertThat(lost.source()).isEqualTo(new SourceCoordinates(topic, 0, 0));
            assertThat(lost.originalValue()).isNull();
            assertThat(pointers(store)).isEmpty();
        }
    }

    @Test
    void aPointerFirstSeenPastTheEndRetriesTheTaskHoweverLongAgoItWasSent() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given a pointer to an offset the partition's end has not reached (a new leader still
            // catching up), sent longer ago than the grace: in flight through a long Triton outage,
            // or stamped by a previous owner whose clock runs behind
            String topic = kit.config.topics().events().name();
            long longAgo = PipelineTestKit.NOW.minus(AsyncInferStep.END_OFFSET_GRACE).minusSeconds(60).toEpochMilli();
            TaskContext context = new TaskContext();
            KeyValueStore<String, Long> store = restoredStore(context.mock,
                    List.of(KeyValue.pair(topic + ":0:7", longAgo)));

            // when / then: this instance has only just seen it behind the end, so the task is
            // retried (its thread replaced), nothing dead-lettered
            assertThatThrownBy(() -> context.init(newStep(kit)))
                    .isInstanceOf(StillTransientException.class)
                    .hasRootCauseMessage("offset 7 of " + topic + "-0 is at or past the end offset 0");
            assertThat(context.mock.forwarded()).isEmpty();
            assertThat(pointers(store)).hasSize(1);
        }
    }

    @Test
    void aPointerPastTheEndForLongerThanTheGraceIsLostNotRetriedForEver() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given a pointer past its partition's end that a first start of the task saw there
            String topic = kit.config.topics().events().name();
            List<KeyValue<String, Long>> restored = List.of(KeyValue.pair(topic + ":0:7",
                    PipelineTestKit.NOW.toEpochMilli()));
            TaskContext first = new TaskContext();
            restoredStore(first.mock, restored);
            assertThatThrownBy(() -> first.init(newStep(kit))).isInstanceOf(StillTransientException.class);

            // when the end is still behind it after the grace: the log went back (topic recreated)
            kit.advanceNanoClock(AsyncInferStep.END_OFFSET_GRACE.plusSeconds(1));
            TaskContext context = new TaskContext();
            KeyValueStore<String, Long> store = restoredStore(context.mock, restored);
            context.init(newStep(kit));
            punctuateUntil(context.mock, 1);

            // then
            List<TriageRecord> forwarded = forwarded(context.mock);
            assertThat(forwarded).hasSize(1);
            assertThat(forwarded.get(0).failure().orElseThrow().reason())
                    .isEqualTo(PipelineReason.SOURCE_RECORD_LOST.name());
            assertThat(forwarded.get(0).failure().orElseThrow().detail())
                    .startsWith("offset 7 of " + topic + "-0 is at or past the partition's end offset 0");
            assertThat(pointers(store)).isEmpty();
        }
    }

    @Test
    void closingGivesUpTheAnswersButKeepsThePointers() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given a record in flight on a new owner of the task
            CompletableFuture<InferredDraft> answer = new CompletableFuture<>();
            kit.asyncModel = (event, image) -> new CompletableFuture<>();
            kit.send(event());
            List<KeyValue<String, Long>> restored = pointers(kit.inFlightPointers());
            CountDownLatch sentAgain = new CountDownLatch(1);
            kit.asyncModel = (event, image) -> {
                sentAgain.countDown();
                return answer;
            };
            InFlightWindow window = kit.deps.async().orElseThrow().dispatcher().window();
            int inUseBefore = window.inUse();
            TaskContext context = new TaskContext();
            KeyValueStore<String, Long> store = restoredStore(context.mock, restored);
            Processor<byte[], TriageRecord, byte[], TriageRecord> step = newStep(kit);
            context.init(step);
            punctuateUntil(context.mock, () -> sentAgain.getCount() == 0);
            assertThat(window.inUse()).isEqualTo(inUseBefore + 1);

            // when: the task is closed (rebalance, shutdown)
            step.close();

            // then: the call is cancelled, nothing forwarded, the pointer left for the next owner
            assertThat(answer.isCancelled()).isTrue();
            assertThat(context.mock.forwarded()).isEmpty();
            assertThat(pointers(store)).hasSize(1);
            assertThat(window.inUse()).as("the re-sent request's slot is returned").isEqualTo(inUseBefore);
        }
    }

    @Test
    void aPointerThatCannotBeWrittenReturnsItsSlotAndSendsNothing() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given a task whose pointer store refuses writes
            ImageEvent event = event();
            SourceCoordinates source = new SourceCoordinates(kit.config.topics().events().name(), 0, 0);
            TriageRecord prepared = new PipelineSteps(kit.deps).preparation()
                    .prepare(PipelineTestKit.key(event), kit.bytes(event), source);
            assertThat(prepared.failed()).isFalse();
            TaskContext context = new TaskContext();
            context.mock.addStateStore(refusingWrites(restoredStore(new MockProcessorContext<>(), List.of())));
            Processor<byte[], TriageRecord, byte[], TriageRecord> step = newStep(kit);
            context.init(step);
            InFlightWindow window = kit.deps.async().orElseThrow().dispatcher().window();
            int inUseBefore = window.inUse();

            // when
            assertThatThrownBy(() -> step.process(new Record<>(PipelineTestKit.key(event), prepared, 0L)))
                    .hasMessage("changelog write failed");

            // then: the record was not sent, so its slot is back and the task can be retried
            assertThat(window.inUse()).isEqualTo(inUseBefore);
            assertThat(kit.inferred).isEmpty();
        }
    }

    private static Processor<byte[], TriageRecord, byte[], TriageRecord> newStep(PipelineTestKit kit) {
        return new PipelineSteps(kit.deps).inferAsync(Lane.ROUTINE).get();
    }

    private static List<TriageRecord> forwarded(MockProcessorContext<byte[], TriageRecord> context) {
        return context.forwarded().stream().<TriageRecord>map(f -> f.record().value()).toList();
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, Long> refusingWrites(KeyValueStore<String, Long> store) {
        return (KeyValueStore<String, Long>) Proxy.newProxyInstance(AsyncInferStepRestartTest.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put")) {
                        throw new IllegalStateException("changelog write failed");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * A task's context as Streams runs it: the nodes after this one are initialised only once its
     * {@code init} has returned, so a forward from {@code init} would reach an uninitialised node.
     */
    private static final class TaskContext {

        final MockProcessorContext<byte[], TriageRecord> mock = new MockProcessorContext<>();
        private boolean downstreamInitialised;

        @SuppressWarnings("unchecked")
        void init(Processor<byte[], TriageRecord, byte[], TriageRecord> step) {
            ProcessorContext<byte[], TriageRecord> strict = (ProcessorContext<byte[], TriageRecord>)
                    Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ProcessorContext.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("forward") && !downstreamInitialised) {
                                    throw new IllegalStateException(
                                            "forwarded during init, before the downstream nodes exist");
                                }
                                try {
                                    return method.invoke(mock, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
            step.init(strict);
            downstreamInitialised = true;
        }
    }

    private static KeyValueStore<String, Long> restoredStore(MockProcessorContext<byte[], TriageRecord> context,
                                                             List<KeyValue<String, Long>> pointers) {
        // In memory: the step sees the same store either way, and the mock context has no state directory.
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(InFlightPointers.STORE), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        pointers.forEach(pointer -> store.put(pointer.key, pointer.value));
        return store;
    }

    private static void punctuateUntil(MockProcessorContext<byte[], TriageRecord> context, int forwarded)
            throws InterruptedException {
        punctuateUntil(context, () -> context.forwarded().size() >= forwarded);
    }

    private static void punctuateUntil(MockProcessorContext<byte[], TriageRecord> context, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(System.currentTimeMillis()));
            Thread.sleep(5);
        }
    }

    private static List<KeyValue<String, Long>> pointers(KeyValueStore<String, Long> store) {
        List<KeyValue<String, Long>> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> iterator = store.all()) {
            iterator.forEachRemaining(all::add);
        }
        return all;
    }

    private static ImageEvent event() {
        return TestImages.event(ImageFormat.PNG, TestImages.inline(TestImages.png(TestImages.grey8(40, 30,
                        (x, y) -> (x + 5 * y) & 0xff))))
                .setEventId(UUID.randomUUID())
                .setCreatedAt(PipelineTestKit.NOW.minusSeconds(2)).build();
    }
}
