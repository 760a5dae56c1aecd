package org.imagingtriage.devstack.bench.pipeline;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.inference.AsyncDraftInference;

/**
 * The limit the pipeline is measured against: requests sent straight to Triton over gRPC, the
 * same request the pipeline would send for the same image, with a fixed number always in flight
 * and no Kafka, decoding or preprocessing in the way.
 */
final class CapacityProbe {

    /** Throughput in items per second, measured after the first {@code concurrency} answers. */
    record Capacity(double itemsPerSecond, int requests, int concurrency, int failures) {
    }

    private final AsyncDraftInference inference;
    private final ImageEvent event;
    private final PreprocessedImage image;

    CapacityProbe(AsyncDraftInference inference, ImageEvent event, PreprocessedImage image) {
        this.inference = Objects.requireNonNull(inference, "inference");
        this.event = Objects.requireNonNull(event, "event");
        this.image = Objects.requireNonNull(image, "image");
    }

    /** Sends {@code requests} requests, never more than {@code concurrency} unanswered. */
    Capacity measure(int concurrency, int requests) throws InterruptedException {
        if (requests <= concurrency) {
            throw new IllegalArgumentException("requests (" + requests + ") must exceed concurrency ("
                    + concurrency + "): the first answers are the warm-up");
        }
        Semaphore window = new Semaphore(concurrency);
        AtomicLongArray answeredAt = new AtomicLongArray(requests);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < requests; i++) {
            window.acquire();
            inference.submit(event, image).whenComplete((draft, failure) -> {
                if (failure != null) {
                    failures.incrementAndGet();
                }
                answeredAt.set(answered.getAndIncrement(), System.nanoTime());
                window.release();
            });
        }
        window.acquire(concurrency);
        long[] times = new long[requests];
        for (int i = 0; i < requests; i++) {
            times[i] = answeredAt.get(i);
        }
        Arrays.sort(times);
        long first = times[concurrency - 1];
        long last = times[requests - 1];
        double perSecond = (requests - concurrency) / ((last - first) / 1e9);
        return new Capacity(perSecond, requests, concurrency, failures.get());
    }
}
