package org.imagingtriage.topology.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.config.ObservabilitySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObservabilityServerTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TriageMetrics metrics = new TriageMetrics(registry);
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.REBALANCING);
    private final AtomicReference<Boolean> modelReady = new AtomicReference<>(false);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ObservabilityServer server;

    @BeforeEach
    void start() throws Exception {
        server = ObservabilityServer.start(new ObservabilitySettings("127.0.0.1", 0), registry, List.of(
                new StreamsStateCheck(state::get),
                new TritonModelReadyCheck(modelReady::get, Duration.ZERO, System::nanoTime)));
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
        registry.close();
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        // given
        metrics.deadLetter(Stage.DECODE, "CORRUPT_IMAGE");

        // when
        HttpResponse<String> response = get("/metrics");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("triage_dead_letters_total{reason=\"CORRUPT_IMAGE\",stage=\"DECODE\"} 1.0")
                .contains("triage_latency_end_to_end_seconds_bucket{le=");
    }

    @Test
    void metricsHonourOpenMetricsAccept() throws Exception {
        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0")
                .GET());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void liveIsUpWhileServing() throws Exception {
        // when
        HttpResponse<String> response = get("/health/live");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readyIs503NamingFailingChecksThen200OnceTheyPass() throws Exception {
        // when
        HttpResponse<String> notReady = get("/health/ready");

        // then
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(notReady.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"kafka-streams\",\"status\":\"DOWN\",\"reason\":\"Kafka Streams is REBALANCING, not RUNNING\"},"
                + "{\"name\":\"triton-model\",\"status\":\"DOWN\",\"reason\":\"Triton reports the model not ready\"}]}");

        // given
        state.set(KafkaStreams.State.RUNNING);
        modelReady.set(true);

        // when
        HttpResponse<String> ready = get("/health/ready");

        // then
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":["
                + "{\"name\":\"kafka-streams\",\"status\":\"UP\"},{\"name\":\"triton-model\",\"status\":\"UP\"}]}");
    }

    @Test
    void oneFailingCheckIsEnoughForNotReady() throws Exception {
        // given
        state.set(KafkaStreams.State.RUNNING);

        // when
        HttpResponse<String> response = get("/health/ready");

        // then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .contains("{\"name\":\"kafka-streams\",\"status\":\"UP\"}")
                .contains("{\"name\":\"triton-model\",\"status\":\"DOWN\"");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metricsfoo").statusCode()).isEqualTo(404);
        assertThat(get("/health").statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        // when
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));

        // then
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void portZeroPicksAFreePort() {
        assertThat(server.port()).isPositive();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
