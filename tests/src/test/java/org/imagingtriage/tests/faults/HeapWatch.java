package org.imagingtriage.tests.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a running pipeline's own figures from its {@code /metrics}: heap in use and inference
 * requests in flight.
 */
final class HeapWatch {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.Ee+-]+)$", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;
    private int samples;
    private long maxHeapUsed;
    private int maxInFlight;

    HeapWatch(int metricsPort) {
        this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
    }

    void sample() throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long heapUsed = 0;
        Matcher line = SAMPLE.matcher(body);
        while (line.find()) {
            String name = line.group(1);
            String labels = line.group(2) == null ? "" : line.group(2);
            double value = Double.parseDouble(line.group(3));
            if (name.equals("jvm_memory_used_bytes") && labels.contains("area=\"heap\"")) {
                heapUsed += (long) value;
            } else if (name.equals("triage_inference_in_flight")) {
                maxInFlight = Math.max(maxInFlight, (int) value);
            }
        }
        maxHeapUsed = Math.max(maxHeapUsed, heapUsed);
        samples++;
    }

    int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public String toString() {
        return samples + " samples: heap used at most " + maxHeapUsed / (1024 * 1024) + " MiB, in flight at most " + maxInFlight;
    }
}
