package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.devstack.triton.TritonTestSupport.MEDGEMMA;
import static org.imagingtriage.devstack.triton.TritonTestSupport.image;
import static org.imagingtriage.devstack.triton.TritonTestSupport.medgemma;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.grpc.ManagedChannel;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.imagingtriage.inference.proto.ModelStatisticsRequest;
import org.junit.jupiter.api.Test;

/** The Triton-named metrics a Prometheus scrape of the simulator sees, against its statistics RPC. */
class TritonMetricsIT {

    private static final Pattern SAMPLE = Pattern.compile(
            "^(nv_[a-z_]+)\\{model=\"" + MEDGEMMA + "\",version=\"1\"} (\\d+)$", Pattern.MULTILINE);

    @Test
    void scrapeCountsWhatTheStatisticsRpcCountsUnderTritonsNames() throws Exception {
        // given a simulator with its metrics endpoint, and three requests answered
        try (TritonSimulator triton = TritonSimulator.started(TritonTestSupport.testConfig());
             TritonMetricsServer metrics = TritonMetricsServer.start(triton, "127.0.0.1", 0)) {
            ManagedChannel channel = TritonTestSupport.channel(triton);
            try {
                GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub =
                        GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    stub.modelInfer(medgemma("metrics-" + i, image(i)).build());
                }

                // when Prometheus scrapes it
                HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + metrics.port() + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                ModelStatistics statistics = stub.modelStatistics(ModelStatisticsRequest.newBuilder()
                        .setName(MEDGEMMA).build()).getModelStats(0);

                // then the counters are Triton's, per model and version, equal to the RPC's, and marked simulated
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
                assertThat(scrape.body()).contains("nv_simulated 1\n", "# TYPE nv_inference_exec_count counter\n",
                        "(SIMULATED)");
                Map<String, Long> samples = samples(scrape.body());
                assertThat(samples).containsEntry("nv_inference_request_success", 3L)
                        .containsEntry("nv_inference_request_failure", 0L)
                        .containsEntry("nv_inference_count", statistics.getInferenceCount())
                        .containsEntry("nv_inference_exec_count", statistics.getExecutionCount())
                        .containsEntry("nv_inference_pending_request_count", 0L)
                        .containsEntry("nv_inference_queue_duration_us",
                                statistics.getInferenceStats().getQueue().getNs() / 1_000)
                        .containsKeys("nv_inference_request_duration_us", "nv_inference_compute_input_duration_us",
                                "nv_inference_compute_infer_duration_us", "nv_inference_compute_output_duration_us");
                assertThat(statistics.getInferenceCount()).isEqualTo(3);
            } finally {
                TritonTestSupport.close(channel);
            }
        }
    }

    private static Map<String, Long> samples(String body) {
        Matcher matcher = SAMPLE.matcher(body);
        return matcher.results().collect(Collectors.toMap(match -> match.group(1),
                match -> Long.parseLong(match.group(2))));
    }
}
