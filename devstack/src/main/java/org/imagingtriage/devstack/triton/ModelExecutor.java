package org.imagingtriage.devstack.triton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one batch on one simulated model instance. Nothing sleeps: after any stall, the batch's
 * duration from the latency model is waited out on the scheduler, and its responses are sent in
 * steps spread over that duration (a decoupled model's response n of m arrives at n/m of it; a
 * normal model's single response at the end). The instance is free again after the last step.
 */
final class ModelExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ModelExecutor.class);

    private final SimulatedModel model;
    private final SimulatedBackend backend;
    private final LatencyModel latency;
    private final FaultInjector faults;
    private final ModelStatisticsRecorder statistics;
    private final ExecutionHistory history;
    private final ScheduledExecutorService scheduler;

    ModelExecutor(SimulatedModel model, SimulatedBackend backend, LatencyModel latency, FaultInjector faults,
                  ModelStatisticsRecorder statistics, ExecutionHistory history, ScheduledExecutorService scheduler) {
        this.model = model;
        this.backend = backend;
        this.latency = latency;
        this.faults = faults;
        this.statistics = statistics;
        this.history = history;
        this.scheduler = scheduler;
    }

    /** @param onInstanceFree run exactly once, when the instance may take the next batch */
    void execute(List<PendingRequest> batch, Runnable onInstanceFree) {
        long startNanos = System.nanoTime();
        int units = batch.stream().mapToInt(PendingRequest::batchUnits).sum();
        history.record(units, batch.stream().map(PendingRequest::id).toList());
        faults.stallGate().whenComplete((ignored, error) -> {
            try {
                Execution execution = new Execution(batch, units, startNanos, latency.nanosForBatch(units), onInstanceFree);
                execution.prepare();
                execution.scheduleStep(0);
            } catch (RuntimeException e) {
                // A bug here must not leak the instance: the model would stop serving for good.
                LOG.error("Simulated execution of model '{}' could not start", model.name(), e);
                batch.forEach(request -> request.sink().fail(TritonError.internal("simulator error: " + e.getMessage())));
                onInstanceFree.run();
            }
        });
    }

    /** One batch from its first response step to the instance being free again. */
    private final class Execution {
        private final List<PendingRequest> batch;
        private final int units;
        private final long startNanos;
        private final long durationNanos;
        private final Runnable onInstanceFree;
        private final List<Outcome> outcomes = new ArrayList<>();
        private int steps;
        private long lastStepNanos;

        Execution(List<PendingRequest> batch, int units, long startNanos, long durationNanos, Runnable onInstanceFree) {
            this.batch = batch;
            this.units = units;
            this.startNanos = startNanos;
            this.durationNanos = durationNanos;
            this.onInstanceFree = onInstanceFree;
        }

        // Outcomes are drawn in batch order when the execution starts, so a seeded error rate
        // fails the same requests of the same batches on every run.
        void prepare() {
            steps = 1;
            for (PendingRequest request : batch) {
                String prefix = TritonError.requestPrefix(request.id());
                if (faults.drawFailure()) {
                    LOG.debug("Injecting a failure into request '{}' of model '{}'", request.id(), model.name());
                    outcomes.add(new Outcome(null, new TritonError(Status.Code.INTERNAL,
                            prefix + FaultInjector.INJECTED_ERROR_MESSAGE)));
                    continue;
                }
                try {
                    SimulatedResponses answer = backend.respond(request.request());
                    steps = Math.max(steps, answer.responses().size());
                    outcomes.add(new Outcome(answer, null));
                } catch (RuntimeException e) {
                    LOG.warn("Simulated backend of model '{}' failed on request '{}'", model.name(), request.id(), e);
                    outcomes.add(new Outcome(null, new TritonError(Status.Code.INTERNAL,
                            prefix + "simulated backend error: " + e.getMessage())));
                }
            }
            lastStepNanos = System.nanoTime();
        }

        void scheduleStep(int step) {
            long stepDelay = durationNanos * (step + 1) / steps - durationNanos * step / steps;
            try {
                scheduler.schedule(() -> runStep(step), stepDelay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The simulator is closing: nobody will run the step, so end the requests here.
                for (PendingRequest request : batch) {
                    request.sink().fail(TritonError.unavailable("Server is stopping"));
                }
                onInstanceFree.run();
            }
        }

        private void runStep(int step) {
            boolean last = step == steps - 1;
            long now = System.nanoTime();
            try {
                for (int i = 0; i < batch.size(); i++) {
                    deliver(batch.get(i), outcomes.get(i), step, last, now);
                }
            } catch (RuntimeException e) {
                LOG.error("Simulated execution of model '{}' failed", model.name(), e);
            } finally {
                lastStepNanos = now;
                if (last) {
                    finish(now);
                } else {
                    scheduleStep(step + 1);
                }
            }
        }

        private void deliver(PendingRequest request, Outcome outcome, int step, boolean last, long now) {
            ValidatedRequest validated = request.request();
            if (outcome.error() != null) {
                if (step == 0) {
                    statistics.recordFailure(now - request.arrivalNanos());
                    request.sink().fail(outcome.error());
                }
                return;
            }
            SimulatedResponses answer = outcome.answer();
            List<List<OutputTensor>> responses = answer.responses();
            if (step < responses.size()) {
                boolean finalResponse = step == responses.size() - 1 && !answer.separateFinalFlag();
                request.sink().respond(ResponseFactory.response(validated, responses.get(step)), finalResponse);
                if (model.decoupled()) {
                    statistics.recordResponse(step, now - lastStepNanos, 0);
                }
            }
            if (last) {
                if (answer.separateFinalFlag()) {
                    request.sink().completeWithoutResponse();
                }
                long computeNanos = now - startNanos;
                statistics.recordSuccess(validated.batchUnits(), now - request.arrivalNanos(),
                        startNanos - request.enqueueNanos(), split(computeNanos));
            }
        }

        private void finish(long now) {
            try {
                statistics.recordExecution(units, split(now - startNanos), System.currentTimeMillis());
            } finally {
                onInstanceFree.run();
            }
        }
    }

    /** Exactly one of the two is set. */
    private record Outcome(SimulatedResponses answer, TritonError error) {
    }

    // The simulator has no separate input copy or output copy: a small share of the execution is
    // reported as each, so dashboards built on these fields show plausible proportions.
    private static ModelStatisticsRecorder.ComputeTimes split(long computeNanos) {
        long input = computeNanos / 50;
        long output = computeNanos / 33;
        return new ModelStatisticsRecorder.ComputeTimes(input, computeNanos - input - output, output);
    }
}
