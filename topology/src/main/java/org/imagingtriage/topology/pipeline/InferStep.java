package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Objects;
import org.imagingtriage.inference.TritonException;
import org.imagingtriage.topology.inference.DraftInference;
import org.imagingtriage.topology.inference.InferredDraft;
import org.imagingtriage.topology.observability.TimedStage;
import org.imagingtriage.topology.observability.TriageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the model for the draft through {@link DraftInference}, one blocking call per record.
 * Transient failures are retried with backoff and never dead-letter; a request Triton refuses for
 * good, or an answer that is not a draft, does.
 */
final class InferStep extends RecordStep {

    private static final Logger LOG = LoggerFactory.getLogger(InferStep.class);

    private final DraftInference inference;
    private final TransientRetry retry;
    private final TriageMetrics metrics;

    InferStep(DraftInference inference, TransientRetry retry, TriageMetrics metrics) {
        this.inference = Objects.requireNonNull(inference, "inference");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    void apply(TriageRecord record) {
        long start = System.nanoTime();
        try {
            InferredDraft draft = retry.run(record, TimedStage.INFERENCE.tagValue(),
                    () -> inference.infer(record.event(), record.preprocessed()),
                    failure -> failure instanceof TritonException triton && triton.isTransient());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            record.addTiming(TimedStage.INFERENCE, took);
            metrics.recordStage(TimedStage.INFERENCE, took);
            record.drafted(draft, took);
        } catch (StillTransientException stillTransient) {
            throw stillTransient;
        } catch (Exception refused) {
            refuse(LOG, record, InferenceRefusal.of(refused, record.attempts()));
        }
    }
}
