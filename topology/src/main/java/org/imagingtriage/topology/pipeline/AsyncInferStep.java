package org.imagingtriage.topology.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.imagingtriage.topology.inference.InferredDraft;
import org.imagingtriage.topology.observability.TimedStage;
import org.imagingtriage.topology.observability.TriageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference with many requests in flight, so Triton's dynamic batcher has batches to fill.
 *
 * <p>A record is sent as soon as there is capacity and the stream thread moves on; its answer
 * comes back on a transport thread, which only queues it. The stream thread forwards queued
 * answers, as drafts or dead letters, whenever it is here: before each record and on a short
 * wall-clock punctuation. Forwarding anywhere else would be outside Streams' transactions.
 *
 * <p>Capacity is the task's limit ({@link AsyncInference#taskLimit()}, counted until forwarded)
 * and the instance's {@link InFlightWindow} (counted until answered). When either is full, or the
 * {@link InferenceCircuit} is open, the thread waits here, forwarding answers as they come: that
 * is the backpressure, since a thread that does not return stops consuming once Streams' buffer
 * is full. A wait longer than the budget replaces the thread, which is safe at any point.
 *
 * <p>Each sent record has a pointer in {@link InFlightPointers}; when the task starts (after a
 * crash or a rebalance) the records its pointers name are fetched and prepared in {@code init},
 * then sent again, ahead of new records, from the first punctuation or record on.
 */
final class AsyncInferStep implements Processor<byte[], TriageRecord, byte[], TriageRecord> {

    /** How often answers are forwarded when no record arrives; a fraction of a batch even at "fast". */
    static final Duration FORWARD_INTERVAL = Duration.ofMillis(5);
    /**
     * How long a pointer past its partition's end is taken for a lagging end rather than a log
     * that went back: leader elections take seconds, not minutes.
     */
    static final Duration END_OFFSET_GRACE = Duration.ofMinutes(5);
    /** The longest init waits before a retry while an end lags, so retries are not back to back. */
    private static final Duration END_LAG_PAUSE = Duration.ofSeconds(1);
    private static final long WAIT_SLICE_NANOS = Duration.ofMillis(50).toNanos();
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInferStep.class);

    private final Lane lane;
    private final AsyncInference async;
    private final InferenceDispatcher dispatcher;
    private final RecordPreparation preparation;
    private final Clock clock;
    private final TriageMetrics metrics;
    private final Queue<InFlightRequest> answered = new ConcurrentLinkedQueue<>();
    private final Set<InFlightRequest> held = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Record<byte[], TriageRecord>> toSendAgain = new ArrayDeque<>();
    private ProcessorContext<byte[], TriageRecord> context;
    private InFlightPointers pointers;

    AsyncInferStep(Lane lane, AsyncInference async, RecordPreparation preparation, Clock clock,
                   TriageMetrics metrics) {
        this.lane = Objects.requireNonNull(lane, "lane");
        this.async = Objects.requireNonNull(async, "async");
        this.dispatcher = async.dispatcher();
        this.preparation = Objects.requireNonNull(preparation, "preparation");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<byte[], TriageRecord> context) {
        this.context = context;
        KeyValueStore<String, Long> store = context.getStateStore(InFlightPointers.STORE);
        this.pointers = new InFlightPointers(store);
        context.schedule(FORWARD_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            forwardAnswered();
            sendAgainWhileCapacity();
        });
        // Streams restores the store before init, so these are the committed pointers. Nothing
        // is forwarded or waited for here: the nodes downstream are not initialised yet.
        prepareAgain(pointers.all());
    }

    @Override
    public void process(Record<byte[], TriageRecord> record) {
        TriageRecord triage = record.value();
        if (triage.failed()) {
            context.forward(record);
            return;
        }
        forwardAnswered();
        sendAgainWaiting();
        awaitCapacity(triage, true);
        try {
            pointers.put(triage.source(), clock.millis());
        } catch (RuntimeException e) {
            // Not sent, so the slot is not the dispatcher's to return.
            dispatcher.window().release();
            throw e;
        }
        send(record);
    }

    /** Answers of requests still in flight are dropped; their pointers stay for the next owner. */
    @Override
    public void close() {
        held.forEach(dispatcher::cancel);
        held.clear();
        answered.clear();
        toSendAgain.clear();
    }

    private void send(Record<byte[], TriageRecord> record) {
        InFlightRequest request = new InFlightRequest(record, this::answered, System.nanoTime());
        held.add(request);
        dispatcher.dispatch(request);
    }

    /** On a transport or scheduler thread: queue only, the stream thread forwards. */
    private void answered(InFlightRequest request) {
        answered.add(request);
    }

    private void forwardAnswered() {
        InFlightRequest request;
        while ((request = answered.poll()) != null) {
            if (held.remove(request)) {
                forward(request);
            }
        }
    }

    private void forward(InFlightRequest request) {
        TriageRecord triage = request.triage();
        if (!triage.failed()) {
            Duration took = Duration.ofNanos(request.inferenceNanos());
            triage.addTiming(TimedStage.INFERENCE, took);
            metrics.recordStage(TimedStage.INFERENCE, took);
            InferredDraft draft = request.draft();
            if (draft != null) {
                triage.drafted(draft, took);
            } else {
                RecordStep.refuse(LOG, triage, InferenceRefusal.of(request.failure(), request.attempts()));
            }
        }
        context.forward(request.record());
        pointers.remove(triage.source());
    }

    /**
     * Returns holding a window slot for {@code triage}, forwarding answers while it waits.
     *
     * @param withinTaskLimit false for records sent again at start-up: they were within the limit
     *     when first sent, and the limit may have been lowered since
     */
    private void awaitCapacity(TriageRecord triage, boolean withinTaskLimit) {
        InFlightWindow window = dispatcher.window();
        long start = System.nanoTime();
        while (true) {
            long seen = window.changes();
            forwardAnswered();
            if ((!withinTaskLimit || held.size() < async.taskLimit()) && !dispatcher.circuit().isOpen()
                    && window.tryAcquire(lane)) {
                return;
            }
            long waited = System.nanoTime() - start;
            if (waited > async.waitBudget().toNanos()) {
                throw new StillTransientException("inference", triage.eventIdOrUnknown(), 0,
                        Duration.ofNanos(waited), new TimeoutException(dispatcher.circuit().isOpen()
                                ? "Triton unavailable (circuit open)" : "no in-flight capacity"));
            }
            try {
                window.awaitChange(seen, WAIT_SLICE_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StillTransientException("inference", triage.eventIdOrUnknown(), 0,
                        Duration.ofNanos(waited), e);
            }
        }
    }

    /**
     * Fetches and prepares what a previous owner of the task had in flight. The prepared records
     * wait in {@link #toSendAgain}, ahead of new ones; what cannot be sent is queued to forward.
     */
    private void prepareAgain(List<SourceCoordinates> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        LOG.atInfo().setMessage("sending in-flight records again")
                .addKeyValue("stage", "inference")
                .addKeyValue("lane", lane)
                .addKeyValue("task", context.taskId())
                .addKeyValue("records", recorded.size())
                .log();
        RefetchedRecords fetched = async.fetcher().fetch(recorded);
        awaitEndIfLagging(recorded.size(), fetched.pastEnd());
        async.pastEnd().forget(recorded);
        for (SourceCoordinates source : recorded) {
            Long end = fetched.pastEnd().get(source);
            if (end != null) {
                forwardLater(lost(source, "is at or past the partition's end offset " + end
                        + ": the log went back (topic recreated or unclean leader election)"));
                continue;
            }
            SourceRecord found = fetched.found().get(source);
            if (found == null) {
                forwardLater(lost(source, "no longer exists"));
                continue;
            }
            TriageRecord triage = preparation.prepare(found.key(), found.value(), source);
            Record<byte[], TriageRecord> record = new Record<>(found.key(), triage, found.timestamp(),
                    found.headers());
            if (triage.failed()) {
                forwardLater(record);
            } else {
                toSendAgain.add(record);
            }
        }
    }

    /**
     * A record that was read once was below its partition's end then. While an end behind it
     * is young, it is most likely lagging (a new leader not yet caught up), so the task is retried
     * after a short pause; once it has been behind for the grace, the log went back, and waiting
     * would block the task for ever.
     */
    private void awaitEndIfLagging(int pointers, Map<SourceCoordinates, Long> pastEnd) {
        PastEndWatch watch = async.pastEnd();
        for (Map.Entry<SourceCoordinates, Long> behind : pastEnd.entrySet()) {
            SourceCoordinates source = behind.getKey();
            Duration seen = watch.seenFor(source);
            if (seen.compareTo(watch.grace()) < 0) {
                pauseBeforeRetry(watch.grace().minus(seen));
                throw new StillTransientException("refetch", pointers + " in-flight records", 1, seen,
                        new IllegalStateException("offset " + source.offset() + " of " + source.topic() + "-"
                                + source.partition() + " is at or past the end offset " + behind.getValue()));
            }
        }
    }

    private static void pauseBeforeRetry(Duration left) {
        try {
            Thread.sleep(Math.max(0, Math.min(END_LAG_PAUSE.toMillis(), left.toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** From a punctuation, which must not wait: sends what fits now. */
    private void sendAgainWhileCapacity() {
        while (!toSendAgain.isEmpty() && !dispatcher.circuit().isOpen() && dispatcher.window().tryAcquire(lane)) {
            send(toSendAgain.poll());
        }
    }

    /**
     * Before a new record: sends every waiting one first, waiting for capacity as a new record
     * would but outside the task limit, since they were within it when first sent.
     */
    private void sendAgainWaiting() {
        Record<byte[], TriageRecord> record;
        while ((record = toSendAgain.peek()) != null) {
            awaitCapacity(record.value(), false);
            send(toSendAgain.poll());
        }
    }

    private Record<byte[], TriageRecord> lost(SourceCoordinates source, String what) {
        TriageRecord triage = new TriageRecord(null, null, source, clock.millis());
        Failure failure = PipelineReason.SOURCE_RECORD_LOST.failure("offset " + source.offset()
                + " of " + source.topic() + "-" + source.partition() + " " + what, 1);
        LOG.atError().setMessage("in-flight record lost")
                .addKeyValue("stage", failure.stage())
                .addKeyValue("reason", failure.reason())
                .addKeyValue("topic", source.topic())
                .addKeyValue("partition", source.partition())
                .addKeyValue("offset", source.offset())
                .log();
        triage.fail(failure);
        return new Record<>(null, triage, clock.millis());
    }

    /** Init may not forward: the record waits for the first punctuation or record, like an answer. */
    private void forwardLater(Record<byte[], TriageRecord> record) {
        InFlightRequest unsent = new InFlightRequest(record, answered::add, System.nanoTime());
        // Settled already, so that cancelling it on close returns no slot it never took.
        unsent.settle(null, null, System.nanoTime());
        held.add(unsent);
        answered.add(unsent);
    }
}
