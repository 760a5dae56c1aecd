package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.processor.api.Record;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.inference.TransientTritonException;
import org.imagingtriage.topology.imaging.TestImages;
import org.imagingtriage.topology.inference.InferredDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's bookkeeping when a task gives requests up or the pipeline shuts down: every
 * slot comes back exactly once and nothing is handed to a task that no longer wants it.
 */
class InferenceDispatcherTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final InFlightWindow window = new InFlightWindow(4, 0);
    private final Queue<InFlightRequest> delivered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();

    InferenceDispatcherTest() {
        scheduler.setRemoveOnCancelPolicy(true); // as the pipeline's
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void cancellingARequestWaitingForTheCircuitReturnsItsSlotAndNeverSendsIt() throws Exception {
        // given a Triton that is down and never becomes ready, so the retry waits on the open circuit
        InferenceCircuit circuit = new InferenceCircuit(1, Duration.ofMillis(20), () -> false, scheduler,
                window::signal);
        InferenceDispatcher dispatcher = dispatcher(circuit);
        InFlightRequest request = request();
        assertThat(window.tryAcquire(Lane.ROUTINE)).isTrue();
        dispatcher.dispatch(request);
        awaitUntil(circuit::isOpen);
        Thread.sleep(50); // past the 1 ms backoff: the retry is now parked behind the circuit

        // when the task closes
        dispatcher.cancel(request);

        // then the slot is back at once, and nothing is sent or delivered afterwards
        assertThat(window.inUse()).isZero();
        Thread.sleep(100);
        assertThat(calls).hasValue(1);
        assertThat(delivered).isEmpty();
    }

    @Test
    void cancellingARequestInBackoffStopsItsTimer() {
        // given a transient failure with a long backoff ahead
        InferenceCircuit circuit = new InferenceCircuit(100, Duration.ofSeconds(1), () -> true, scheduler,
                window::signal);
        InferenceDispatcher dispatcher = new InferenceDispatcher((event, image) -> failing(),
                window, circuit, new RetryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1), () -> 0.5),
                scheduler, System::nanoTime);
        InFlightRequest request = request();
        window.tryAcquire(Lane.ROUTINE);
        dispatcher.dispatch(request);
        awaitUntil(() -> scheduler.getQueue().size() == 1);

        // when
        dispatcher.cancel(request);

        // then the timer, which holds the request and its image, is gone with the slot
        assertThat(scheduler.getQueue()).isEmpty();
        assertThat(window.inUse()).isZero();
    }

    @Test
    void aRetryTimerAlreadyRunningWhenTheRequestIsCancelledLeavesNothingWaiting() {
        // given an open circuit, and a retry timer the test fires by hand
        InferenceCircuit circuit = new InferenceCircuit(1, Duration.ofMinutes(1), () -> false, scheduler,
                window::signal);
        Queue<Runnable> timers = new ConcurrentLinkedQueue<>();
        ScheduledThreadPoolExecutor timerScheduler = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                timers.add(command);
                return super.schedule(() -> { }, delay, unit);
            }
        };
        try {
            InferenceDispatcher dispatcher = new InferenceDispatcher((event, image) -> failing(), window, circuit,
                    new RetryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1), () -> 0.5), timerScheduler,
                    System::nanoTime);
            InFlightRequest request = request();
            window.tryAcquire(Lane.ROUTINE);
            dispatcher.dispatch(request);
            assertThat(circuit.isOpen()).isTrue();

            // when the task cancels the request just as its timer starts, so that the timer
            // parks it behind the circuit after cancel has cleared the circuit's queue
            dispatcher.cancel(request);
            timers.remove().run();

            // then the circuit's queue does not keep it, nor its image
            assertThat(circuit.waitingCount()).isZero();
            assertThat(window.inUse()).isZero();
            assertThat(delivered).isEmpty();
        } finally {
            timerScheduler.shutdownNow();
        }
    }

    @Test
    void aRetryThePipelineCanNoLongerScheduleIsAbandonedNotDelivered() {
        // given a scheduler already shut down, as while the pipeline closes
        InferenceCircuit circuit = new InferenceCircuit(100, Duration.ofSeconds(1), () -> true, scheduler,
                window::signal);
        InferenceDispatcher dispatcher = dispatcher(circuit);
        scheduler.shutdownNow();
        InFlightRequest request = request();
        window.tryAcquire(Lane.ROUTINE);

        // when the only attempt fails transiently
        dispatcher.dispatch(request);

        // then the slot is returned and the task is handed nothing (its pointer brings it back)
        assertThat(window.inUse()).isZero();
        assertThat(delivered).isEmpty();
    }

    private InferenceDispatcher dispatcher(InferenceCircuit circuit) {
        return new InferenceDispatcher((event, image) -> failing(), window, circuit,
                new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.5), scheduler, System::nanoTime);
    }

    private CompletableFuture<InferredDraft> failing() {
        calls.incrementAndGet();
        return CompletableFuture.failedFuture(
                new TransientTritonException(Status.Code.UNAVAILABLE, "ModelInfer", "connection refused", null));
    }

    private InFlightRequest request() {
        TriageRecord triage = new TriageRecord(null, null, new SourceCoordinates("imaging.events", 0, 1), 0L);
        triage.event(TestImages.event(ImageFormat.PNG, TestImages.inline(new byte[] {1})).build());
        return new InFlightRequest(new Record<>(null, triage, 0L), delivered::add, System.nanoTime());
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
