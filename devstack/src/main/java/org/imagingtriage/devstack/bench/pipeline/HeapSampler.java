package org.imagingtriage.devstack.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest heap use seen during a run, sampled every 20 ms. It is the whole JVM's heap: the
 * pipeline shares it with the in-JVM broker and the simulator, so it bounds the pipeline's from above.
 */
final class HeapSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    private HeapSampler() {
        this.thread = new Thread(this::sample, "triage-bench-heap");
        thread.setDaemon(true);
    }

    static HeapSampler start() {
        System.gc(); // so the previous run's garbage is not counted against this one
        HeapSampler sampler = new HeapSampler();
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        while (!stopping) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(1_000);
    }
}
