package org.imagingtriage.devstack.bench.pipeline;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** STAT events' end-to-end latency while a routine backlog drains, against one full batch. */
record StatResult(int backlog, long routineDrafted, int statEvents, int statDrafts, Percentiles endToEnd) {

    static StatResult of(List<OutcomeCollector.Arrival> stat, int backlog, long routineDrafted, int statEvents) {
        return new StatResult(backlog, routineDrafted, statEvents, stat.size(),
                Percentiles.of(stat, OutcomeCollector.Arrival::endToEndMs));
    }

    double ratio(PipelineBenchmark.Limit limit) {
        return (double) endToEnd.p95() / limit.fullBatch().toMillis();
    }

    void print(PrintWriter out, PipelineBenchmark.Limit limit) {
        out.printf("  %d of %d STAT events drafted while %d of %d routine events were; routine still queued%n",
                statDrafts, statEvents, routineDrafted, backlog);
        out.printf("  STAT end to end (ms)  %s%n", endToEnd);
        out.printf("  p95 / one full batch (%d ms) = %.2f (goal: at most 2)%n", limit.fullBatch().toMillis(),
                ratio(limit));
    }

    String machineLine(PipelineBenchmark.Limit limit) {
        return String.format(Locale.ROOT, "mode=async-stat backlog=%d stat_events=%d stat_p50_ms=%d stat_p95_ms=%d"
                        + " stat_max_ms=%d full_batch_ms=%d stat_p95_over_full_batch=%.2f",
                backlog, statDrafts, endToEnd.p50(), endToEnd.p95(), endToEnd.max(), limit.fullBatch().toMillis(),
                ratio(limit));
    }
}
