package org.imagingtriage.devstack.bench.pipeline;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One pipeline run over a backlog: throughput once past the warm-up, latency percentiles from
 * the drafts' own breakdown, the batches Triton ran, and the peak heap.
 *
 * @param warmUp drafts left out of the throughput: the first batches, while threads and batches fill
 */
record ModeResult(String mode, int events, int drafts, Map<String, Integer> deadLetters, boolean complete,
                  double throughput, Percentiles endToEnd, Percentiles inPipeline, Percentiles inference,
                  Percentiles overhead, Map<Integer, Long> batches, long peakHeapBytes) {

    static ModeResult of(String mode, int events, List<OutcomeCollector.Arrival> arrivals,
                         Map<String, Integer> deadLetters, boolean complete, int warmUp,
                         Map<Integer, Long> batches, long peakHeapBytes) {
        List<OutcomeCollector.Arrival> ordered = arrivals.stream()
                .sorted(Comparator.comparingLong(OutcomeCollector.Arrival::arrivedNanos)).toList();
        double throughput = 0;
        if (ordered.size() > warmUp + 1) {
            long from = ordered.get(warmUp - 1).arrivedNanos();
            long to = ordered.get(ordered.size() - 1).arrivedNanos();
            throughput = (ordered.size() - warmUp) / ((to - from) / 1e9);
        }
        return new ModeResult(mode, events, arrivals.size(), deadLetters, complete, throughput,
                Percentiles.of(arrivals, OutcomeCollector.Arrival::endToEndMs),
                Percentiles.of(arrivals, ModeResult::inPipelineMs),
                Percentiles.of(arrivals, OutcomeCollector.Arrival::inferenceMs),
                Percentiles.of(arrivals, a -> inPipelineMs(a) - a.inferenceMs()),
                batches, peakHeapBytes);
    }

    private static long inPipelineMs(OutcomeCollector.Arrival arrival) {
        return arrival.endToEndMs() - arrival.feedToPipelineMs();
    }

    double capacityPercent(PipelineBenchmark.Limit limit) {
        return 100.0 * throughput / limit.capacity();
    }

    void print(PrintWriter out, PipelineBenchmark.Limit limit) {
        out.printf("  %d of %d events drafted, %d dead letters %s%s%n", drafts, events, deadLetterCount(),
                deadLetters.isEmpty() ? "" : deadLetters, complete ? "" : "; INCOMPLETE: gave up waiting");
        out.printf("  throughput %.1f drafts/s = %.1f %% of capacity %.1f%n", throughput, capacityPercent(limit),
                limit.capacity());
        out.printf("  latency (ms)  end to end   %s   (from createdAt: includes the wait in the backlog)%n", endToEnd);
        out.printf("                in pipeline  %s   (received to drafted)%n", inPipeline);
        out.printf("                inference    %s   (sent to answered, Triton's queue included)%n", inference);
        out.printf("                overhead     %s   (in pipeline minus inference)%n", overhead);
        out.printf("  batches Triton ran (size: executions)  %s; mean size %.2f%n", batchList(), meanBatch());
        out.printf("  peak heap %d MiB (whole JVM: pipeline, in-JVM broker, simulator)%n", peakHeapBytes >> 20);
    }

    String machineLine(int threads, PipelineBenchmark.Limit limit) {
        return String.format(Locale.ROOT, "mode=%s threads=%d events=%d drafts=%d dead_letters=%d throughput=%.1f"
                        + " capacity=%.1f capacity_pct=%.1f p50_ms=%d p95_ms=%d p99_ms=%d overhead_p50_ms=%d"
                        + " overhead_p95_ms=%d overhead_p99_ms=%d mean_batch=%.2f batches=%s peak_heap_mb=%d",
                mode, threads, events, drafts, deadLetterCount(),
                throughput, limit.capacity(), capacityPercent(limit), inPipeline.p50(), inPipeline.p95(),
                inPipeline.p99(), overhead.p50(), overhead.p95(), overhead.p99(), meanBatch(),
                batchList().replace(" ", ""), peakHeapBytes >> 20);
    }

    private int deadLetterCount() {
        return deadLetters.values().stream().mapToInt(Integer::intValue).sum();
    }

    private String batchList() {
        return batches.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", "));
    }

    private double meanBatch() {
        long executions = batches.values().stream().mapToLong(Long::longValue).sum();
        long items = batches.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
        return executions == 0 ? 0 : (double) items / executions;
    }
}
