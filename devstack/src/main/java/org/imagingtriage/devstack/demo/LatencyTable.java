package org.imagingtriage.devstack.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.contract.Latency;

/**
 * The latency summary the demo prints at the end: for each part of the breakdown every draft
 * carries, the count, minimum, median, 95th percentile, maximum and mean in milliseconds.
 * Percentiles are nearest-rank over the drafts seen, not estimates.
 */
public final class LatencyTable {

    private static final Map<String, ToLongFunction<Latency>> COMPONENTS = components();

    private final Map<String, List<Long>> samples = new LinkedHashMap<>();

    public LatencyTable() {
        COMPONENTS.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
    }

    private static Map<String, ToLongFunction<Latency>> components() {
        Map<String, ToLongFunction<Latency>> components = new LinkedHashMap<>();
        components.put("feed to pipeline", Latency::getFeedToPipelineMs);
        components.put("preprocess", Latency::getPreprocessMs);
        components.put("inference", Latency::getInferenceMs);
        components.put("end to end", Latency::getEndToEndMs);
        return components;
    }

    public void add(DraftFinding draft) {
        Latency latency = draft.getLatency();
        COMPONENTS.forEach((name, value) -> samples.get(name).add(value.applyAsLong(latency)));
    }

    public int count() {
        return samples.get("end to end").size();
    }

    /** The value at {@code percentile} (0-100] by nearest rank; for tests and the table. */
    public long percentile(String component, double percentile) {
        long[] sorted = sorted(component);
        if (sorted.length == 0) {
            throw new IllegalStateException("no drafts yet");
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public void print(PrintWriter out) {
        if (count() == 0) {
            out.println("No drafts: no latency to summarise.");
            return;
        }
        out.printf("Latency over %d drafts (ms)%n", count());
        out.printf("  %-18s %8s %8s %8s %8s %8s%n", "", "min", "p50", "p95", "max", "mean");
        for (String component : COMPONENTS.keySet()) {
            long[] sorted = sorted(component);
            out.printf("  %-18s %8d %8d %8d %8d %8.1f%n", component, sorted[0], percentile(component, 50),
                    percentile(component, 95), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
        }
    }

    private long[] sorted(String component) {
        List<Long> values = samples.get(component);
        if (values == null) {
            throw new IllegalArgumentException("unknown component " + component + "; known: " + COMPONENTS.keySet());
        }
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
