package org.imagingtriage.devstack.bench.pipeline;

import java.util.List;
import java.util.function.ToLongFunction;

/** Nearest-rank percentiles over every sample: no estimate, no histogram buckets. */
record Percentiles(long p50, long p95, long p99, long max) {

    static <T> Percentiles of(List<T> samples, ToLongFunction<T> value) {
        long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        return new Percentiles(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    @Override
    public String toString() {
        return String.format("p50 %6d  p95 %6d  p99 %6d  max %6d", p50, p95, p99, max);
    }
}
