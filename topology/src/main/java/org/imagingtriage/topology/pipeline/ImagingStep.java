package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Objects;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.observability.TimedStage;
import org.imagingtriage.topology.observability.TriageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timed imaging stage (resolve, decode, de-identification, preprocess): its refusals become
 * failures with the stage and reason the {@link ImagingException} names; transient ones are
 * retried with backoff.
 */
final class ImagingStep extends RecordStep {

    private static final Logger LOG = LoggerFactory.getLogger(ImagingStep.class);

    /** The stage's work on one record. */
    @FunctionalInterface
    interface Work {
        void apply(TriageRecord record) throws ImagingException;
    }

    private final TimedStage stage;
    private final Work work;
    private final TransientRetry retry;
    private final TriageMetrics metrics;

    ImagingStep(TimedStage stage, Work work, TransientRetry retry, TriageMetrics metrics) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.work = Objects.requireNonNull(work, "work");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    void apply(TriageRecord record) {
        long start = System.nanoTime();
        try {
            retry.run(record, stage.tagValue(), () -> {
                work.apply(record);
                return null;
            }, failure -> failure instanceof ImagingException imaging && imaging.isTransient());
        } catch (ImagingException refused) {
            refuse(LOG, record, new Failure(refused.stage(), refused.reasonCode(), refused.detail(),
                    record.attempts()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Work throws ImagingException only; anything else is a bug, not a bad image.
            throw new IllegalStateException("stage " + stage.tagValue() + " threw " + e.getClass().getName(), e);
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            record.addTiming(stage, took);
            metrics.recordStage(stage, took);
        }
    }
}
