package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given: an event sent by the previous owner, never answered, and a pointer to an offset
            // retention has since deleted
            kit.asyncModel = (event, image) -> new CompletableFuture<>();
            ImageEvent event = event();
            kit.send(event);
            List<KeyValue<String, Long>> restored = new ArrayList<>(pointers(kit.inFlightPointers()));
            String topic = kit.config.topics().events().name();
            restored.add(KeyValue.pair(topic + ":0:7", 0L));
            kit.asyncModel = (sent, image) -> CompletableFuture.completedFuture(
                    PipelineTestKit.answer(sent, image.inputSha256(), PipelineTestKit.MODEL_TEXT));

            // when: a new owner of the task starts, whose downstream nodes are not initialised
            // until this one's init has returned
            TaskContext context = new TaskContext();
            KeyValueStore<String, Long> store = restoredStore(context.mock, restored);
            Processor<byte[], TriageRecord, byte[], TriageRecord> step =
                    new PipelineSteps(kit.deps).inferAsync(Lane.ROUTINE).get();
            context.init(step);
            punctuateUntil(context.mock, 2);

            // then: the event is drafted again from its refetched bytes; the lost one dead-letters
            List<TriageRecord> forwarded = context.mock.forwarded().stream()
                    .<TriageRecord>map(f -> f.record().value()).toList();
            assertThat(forwarded).hasSize(2);
            TriageRecord drafted = forwarded.stream().filter(r -> !r.failed()).findFirst().orElseThrow();
            assertThat(drafted.event().getEventId()).isEqualTo(event.getEventId());
            assertThat(drafted.draft()).isPresent();
            assertThat(drafted.source()).isEqualTo(new SourceCoordinates(topic, 0, 0));
            TriageRecord lost = forwarded.stream().filter(TriageRecord::failed).findFirst().orElseThrow();
            assertThat(lost.failure().orElseThrow().reason()).isEqualTo(PipelineReason.SOURCE_RECORD_LOST.name());
            assertThat(lost.failure().orElseThrow().detail()).contains("offset 7");
            assertThat(lost.originalValue()).isNull();
            assertThat(pointers(store)).isEmpty();
        }
    }

    @Test
    void closingGivesUpTheAnswersButKeepsThePointers() throws Exception {
        try (PipelineTestKit kit = PipelineTestKit.async(root, Lane.ROUTINE, 4, 1, 4)) {
            // given: a record in flight on a new owner of the task
            CompletableFuture<InferredDraft> answer = new CompletableFuture<>();
            kit.asyncModel = (event, image) -> new CompletableFuture<>();
            kit.send(event());
            List<KeyValue<String, Long>> restored = pointers(kit.inFlightPointers());
            CountDownLatch sentAgain = new CountDownLatch(1);
            kit.asyncModel = (event, image) -> {
                sentAgain.countDown();
                return answer;
            };
            TaskContext context = new TaskContext();
            KeyValueStore<String, Long> store = restoredStore(context.mock, restored);
            Processor<byte[], TriageRecord, byte[], TriageRecord> step =
                    new PipelineSteps(kit.deps).inferAsync(Lane.ROUTINE).get();
            context.init(step);
            InFlightWindow window = kit.deps.async().orElseThrow().dispatcher().window();
            int inUseBefore = window.inUse();
            punctuateUntil(context.mock, () -> sentAgain.getCount() == 0);

            // when: the task is closed (rebalance, shutdown)
            step.close();

            // then: the call is cancelled, nothing forwarded, the pointer left for the next owner
            assertThat(answer.isCancelled()).isTrue();
            assertThat(context.mock.forwarded()).isEmpty();
            assertThat(pointers(store)).hasSize(1);
            assertThat(window.inUse()).as("the re-sent request's slot is returned").isEqualTo(inUseBefore);
        }
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
        KeyValueStore<String, Long> store = InFlightPointers.storeBuilder().withLoggingDisabled().build();
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
