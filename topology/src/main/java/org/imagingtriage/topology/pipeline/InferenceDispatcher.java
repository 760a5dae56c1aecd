package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.imagingtriage.inference.TritonErrors;
import org.imagingtriage.inference.TritonException;
import org.imagingtriage.topology.inference.AsyncDraftInference;
import org.imagingtriage.topology.inference.InferredDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends in-flight requests for every task of the instance and sees each through to a final
 * answer: a draft, or a failure that retrying cannot fix. Transient failures are retried here,
 * off the stream thread, with {@link RetryBackoff} and behind the {@link InferenceCircuit}, for as
 * long as it takes; they never reach the task, so they never become dead letters.
 *
 * <p>The caller takes the request's {@link InFlightWindow} slot before {@link #dispatch}; the
 * dispatcher returns it once the answer has been handed to the task (or the task gave the request
 * up), so a thread waiting for a slot finds the answer already queued.
 */
final class InferenceDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceDispatcher.class);
    /** Every this many attempts of one request, its retry is logged as an error. */
    static final int ESCALATE_EVERY_ATTEMPTS = 10;

    private final AsyncDraftInference inference;
    private final InFlightWindow window;
    private final InferenceCircuit circuit;
    private final RetryBackoff backoff;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoTime;

    InferenceDispatcher(AsyncDraftInference inference, InFlightWindow window, InferenceCircuit circuit,
                        RetryBackoff backoff, ScheduledExecutorService scheduler, LongSupplier nanoTime) {
        this.inference = Objects.requireNonNull(inference, "inference");
        this.window = Objects.requireNonNull(window, "window");
        this.circuit = Objects.requireNonNull(circuit, "circuit");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    InFlightWindow window() {
        return window;
    }

    InferenceCircuit circuit() {
        return circuit;
    }

    /** Sends {@code request}, whose window slot the caller holds. Returns at once. */
    void dispatch(InFlightRequest request) {
        send(request);
    }

    /**
     * The task gives {@code request} up (it is closing): its call, its retry timer and its place
     * in the circuit's queue are dropped and its slot returned now, whatever stage it is in.
     */
    void cancel(InFlightRequest request) {
        request.cancel();
        circuit.forget(request);
        abandon(request);
    }

    private void send(InFlightRequest request) {
        if (request.cancelled()) {
            abandon(request);
            return;
        }
        TriageRecord triage = request.triage();
        CompletableFuture<InferredDraft> call;
        try {
            call = inference.submit(triage.event(), triage.preprocessed());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        int attempt = request.countAttempt(call);
        if (request.cancelled()) {
            // Cancelled while this call was being made, too late for cancel() to see it.
            call.cancel(true);
        }
        call.whenComplete((draft, failure) -> answered(request, attempt, draft, failure));
    }

    private void answered(InFlightRequest request, int attempt, InferredDraft draft, Throwable failure) {
        if (request.cancelled()) {
            abandon(request);
            return;
        }
        if (failure == null && draft == null) {
            // A broken inference implementation; refuse the record rather than forward nothing.
            failure = new IllegalStateException("inference completed without a draft");
        }
        if (failure == null) {
            circuit.recordAnswer();
            settle(request, draft, null);
            return;
        }
        Throwable cause = TritonErrors.unwrap(failure);
        if (!(cause instanceof TritonException triton && triton.isTransient())) {
            if (cause instanceof TritonException) {
                circuit.recordAnswer();
            }
            settle(request, null, cause);
            return;
        }
        circuit.recordTransientFailure();
        Duration wait = backoff.delay(attempt);
        // A request that fails transiently for ever keeps its slot for ever: say so louder as
        // it goes on, so that an operator looks before the window fills with such requests.
        boolean persistent = attempt % ESCALATE_EVERY_ATTEMPTS == 0;
        (persistent ? LOG.atError() : LOG.atWarn())
                .setMessage(persistent ? "inference still failing transiently, retrying"
                        : "transient inference failure, retrying")
                .addKeyValue("eventId", triage(request))
                .addKeyValue("stage", "inference")
                .addKeyValue("reason", triton.code())
                .addKeyValue("attempt", attempt)
                .addKeyValue("backoffMs", wait.toMillis())
                .log();
        try {
            request.retryAt(attempt, scheduler.schedule(() -> retry(request), wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException shuttingDown) {
            // The pipeline is closing; the pointer stays, so the record is sent again after restart.
            abandon(request);
        }
    }

    /** On the scheduler, once the backoff is over: sends again as soon as the circuit lets it. */
    private void retry(InFlightRequest request) {
        circuit.whenClosed(request, () -> send(request));
        if (request.cancelled()) {
            // cancel() may have dropped the request's place in the circuit's queue before it was
            // taken just now; drop it again so that the queue does not hold its image.
            circuit.forget(request);
        }
    }

    /** No answer will be handed over; the slot is returned and the pointer stays for the next owner. */
    private void abandon(InFlightRequest request) {
        if (request.settle(null, null, nanoTime.getAsLong())) {
            window.release();
        }
    }

    /** The final answer: handed to the task unless it gave the request up, then the slot returned. */
    private void settle(InFlightRequest request, InferredDraft draft, Throwable failure) {
        if (!request.settle(draft, failure, nanoTime.getAsLong())) {
            return;
        }
        try {
            if (!request.cancelled()) {
                request.deliver();
            }
        } finally {
            window.release();
        }
    }

    private static String triage(InFlightRequest request) {
        return request.triage().eventIdOrUnknown();
    }
}
