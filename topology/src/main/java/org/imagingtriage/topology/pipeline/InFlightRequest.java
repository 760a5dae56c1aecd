package org.imagingtriage.topology.pipeline;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Record;
import org.imagingtriage.topology.inference.InferredDraft;

/**
 * One record between its first request and its final answer. The stream thread creates it and
 * reads the answer; transport and scheduler threads send it and record the answer. Only the
 * stream thread changes the record itself ({@link TriageRecord}), and only once the answer is
 * back: while in flight, the threads that send it read its event and image and nothing else.
 */
final class InFlightRequest {

    private final Record<byte[], TriageRecord> record;
    private final Consumer<InFlightRequest> onAnswer;
    private final long firstSentNanos;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile CompletableFuture<?> call;
    private volatile Future<?> retryTimer;
    private volatile InferredDraft draft;
    private volatile Throwable failure;
    private volatile long answeredNanos;

    /** @param onAnswer hands the answered request back to its task, from any thread */
    InFlightRequest(Record<byte[], TriageRecord> record, Consumer<InFlightRequest> onAnswer, long nowNanos) {
        this.record = Objects.requireNonNull(record, "record");
        this.onAnswer = Objects.requireNonNull(onAnswer, "onAnswer");
        this.firstSentNanos = nowNanos;
    }

    Record<byte[], TriageRecord> record() {
        return record;
    }

    TriageRecord triage() {
        return record.value();
    }

    int attempts() {
        return attempts.get();
    }

    synchronized int countAttempt(CompletableFuture<?> sent) {
        call = sent;
        return attempts.incrementAndGet();
    }

    /**
     * The timer that will send the attempt after {@code attempt}, so that cancelling can stop it.
     * A short backoff can fire, and its attempt fail and schedule the next timer, before the
     * thread that scheduled it gets here: a timer for an attempt that is no longer the latest is
     * not kept, so it cannot hide the current one from {@link #cancel}.
     */
    synchronized void retryAt(int attempt, Future<?> timer) {
        if (attempt != attempts.get()) {
            return;
        }
        retryTimer = timer;
        if (cancelled) {
            timer.cancel(false);
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** The task is closing: its answer will not be forwarded; the pointer stays for whoever takes the task. */
    void cancel() {
        cancelled = true;
        CompletableFuture<?> current = call;
        if (current != null) {
            current.cancel(true);
        }
        Future<?> timer = retryTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The final answer; true only the first time, so the request's slot is returned once. */
    boolean settle(InferredDraft draft, Throwable failure, long nowNanos) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        this.draft = draft;
        this.failure = failure;
        this.answeredNanos = nowNanos;
        return true;
    }

    void deliver() {
        onAnswer.accept(this);
    }

    /** The draft; null when the request failed. Read after the task has received it. */
    InferredDraft draft() {
        return draft;
    }

    /** The permanent failure; null when there is a draft. */
    Throwable failure() {
        return failure;
    }

    /** From the first send to the final answer, retries and backoff included. */
    long inferenceNanos() {
        return answeredNanos - firstSentNanos;
    }
}
