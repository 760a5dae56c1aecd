package org.imagingtriage.devstack.triton;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import org.imagingtriage.inference.proto.ModelStatistics;

/**
 * The simulator's statistics in the Prometheus text format under the names and labels Triton's
 * metrics endpoint (port 8002) uses for the same counters, so one dashboard and one set of
 * queries serve the simulator and a real Triton. Every family's help text says it is simulated,
 * and {@code nv_simulated} is 1, so a scrape is never mistaken for a GPU server's.
 */
final class TritonMetricsText {

    /** One model version's statistics and how many of its requests wait in its queue. */
    record ModelSample(ModelStatistics statistics, int pendingRequests) {
    }

    private record Family(String name, String type, String help, ToLongFunction<ModelSample> value) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("nv_inference_request_success", "counter", "Number of successful inference requests",
                    sample -> sample.statistics().getInferenceStats().getSuccess().getCount()),
            new Family("nv_inference_request_failure", "counter", "Number of failed inference requests",
                    sample -> sample.statistics().getInferenceStats().getFail().getCount()),
            new Family("nv_inference_count", "counter", "Number of inferences performed (batch units)",
                    sample -> sample.statistics().getInferenceCount()),
            new Family("nv_inference_exec_count", "counter", "Number of model executions (batches) performed",
                    sample -> sample.statistics().getExecutionCount()),
            new Family("nv_inference_pending_request_count", "gauge", "Requests waiting in the model's queue",
                    ModelSample::pendingRequests),
            new Family("nv_inference_request_duration_us", "counter", "Cumulative request duration in microseconds",
                    sample -> micros(sample.statistics().getInferenceStats().getSuccess().getNs())),
            new Family("nv_inference_queue_duration_us", "counter", "Cumulative queue duration in microseconds",
                    sample -> micros(sample.statistics().getInferenceStats().getQueue().getNs())),
            new Family("nv_inference_compute_input_duration_us", "counter",
                    "Cumulative compute input duration in microseconds",
                    sample -> micros(sample.statistics().getInferenceStats().getComputeInput().getNs())),
            new Family("nv_inference_compute_infer_duration_us", "counter",
                    "Cumulative compute inference duration in microseconds",
                    sample -> micros(sample.statistics().getInferenceStats().getComputeInfer().getNs())),
            new Family("nv_inference_compute_output_duration_us", "counter",
                    "Cumulative compute output duration in microseconds",
                    sample -> micros(sample.statistics().getInferenceStats().getComputeOutput().getNs())));

    private TritonMetricsText() {
    }

    static String render(List<ModelSample> samples) {
        StringBuilder text = new StringBuilder()
                .append("# HELP nv_simulated 1: these metrics come from the Triton simulator, not a GPU server\n")
                .append("# TYPE nv_simulated gauge\n")
                .append("nv_simulated 1\n");
        for (Family family : FAMILIES) {
            text.append("# HELP ").append(family.name()).append(' ').append(family.help()).append(" (SIMULATED)\n")
                    .append("# TYPE ").append(family.name()).append(' ').append(family.type()).append('\n');
            for (ModelSample sample : samples) {
                text.append(family.name())
                        .append("{model=\"").append(sample.statistics().getName())
                        .append("\",version=\"").append(sample.statistics().getVersion()).append("\"} ")
                        .append(family.value().applyAsLong(sample)).append('\n');
            }
        }
        return text.toString();
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }
}
