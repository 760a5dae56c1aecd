package org.imagingtriage.tests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imagingtriage.tests.PipelineTestProperties;
import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.devstack.registry.ApicurioRegistryExtension;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.TritonMetricsServer;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.topology.cli.TriageCommand;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.pipeline.TriagePipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's monitoring, checked without a Docker engine: Prometheus's configuration and
 * alert rules with Debian's {@code promtool}, the Grafana dashboard as JSON, and every metric the
 * dashboard and the rules name against the {@code /metrics} of a real pipeline run that has
 * drafted images and dead-lettered one.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioRegistryExtension.class})
class MonitoringConfigIT {

    private static final Path COMPOSE = Path.of("").toAbsolutePath().getParent().resolve("compose");
    private static final Path PROMETHEUS_CONFIG = COMPOSE.resolve("prometheus/prometheus.yml");
    private static final Path ALERT_RULES = COMPOSE.resolve("prometheus/rules/triage-alerts.yml");
    private static final Path DASHBOARD = COMPOSE.resolve("grafana/dashboards/triage.json");
    private static final Path ALERT_TESTS = COMPOSE.resolve("prometheus/tests/triage-alerts-test.yml");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** Metric names in PromQL: the pipeline's own, Kafka's, the JVM's, the process's and Triton's. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:triage|kafka|jvm|process|system|nv)_[a-z0-9_]+\\b");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registry;

    @TempDir
    Path images;

    MonitoringConfigIT(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @Test
    void prometheusConfigurationAndAlertRulesPassPromtool() throws Exception {
        // given
        assertThat(PROMTOOL).as("Debian's prometheus package (scripts/test installs it)").isExecutable();

        // when
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "config", PROMETHEUS_CONFIG.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then: the configuration and the rule file it names are valid
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("6 rules found");
    }

    @Test
    void theAlertOnIdentifiedImagesFiresOnTheFirstOne() throws Exception {
        // when: promtool evaluates the rules on a dead-letter series rising from zero
        Process test = new ProcessBuilder(PROMTOOL.toString(), "test", "rules", ALERT_TESTS.toString())
                .redirectErrorStream(true).start();
        String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then: silent before the first identified image, firing after it
        assertThat(test.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(test.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void theDashboardIsProvisionableAndQueriesPrometheusOnly() throws IOException {
        // when
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        // then
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids unique").isTrue();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("prometheus");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asText()).isNotBlank());
        });
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsOneThePipelineOrTritonExports() throws Exception {
        // given: names the dashboard and the rules query
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            panel.path("targets").forEach(target -> queried.addAll(metricsIn(target.path("expr").asText())));
        }
        queried.addAll(metricsIn(Files.readString(ALERT_RULES)));
        assertThat(queried).contains("triage_drafts_total", "triage_dead_letters_total",
                "triage_latency_end_to_end_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max",
                "nv_inference_count", "nv_inference_exec_count");

        // when: a pipeline drafts three images and dead-letters a truncated one; Prometheus scrapes
        // it and Triton's metrics port (the simulator's, under Triton's names)
        Set<String> exported = exportedAfterARun();

        // then
        assertThat(exported).containsAll(queried);
    }

    private Set<String> exportedAfterARun() throws Exception {
        try (TritonSimulator triton = TritonSimulator.started(TritonSimulatorConfig
                .forRepository(BuildLayout.fromBuild().tritonModelRepository())
                .withModels(List.of(MedGemmaContract.MODEL_NAME)).withPort(0).withLatency(LatencyProfile.FAST));
             TritonMetricsServer tritonMetrics = TritonMetricsServer.start(triton, "127.0.0.1", 0)) {
            Map<String, String> properties = PipelineTestProperties.withOwnTopics("monitoring", kafka.bootstrapServers(),
                    registry.ccompatUrl());
            properties.put("triton.target", triton.target());
            properties.put("pipeline.application.id", TopicNames.unique("monitoring-pipeline"));
            properties.put("topics.partitions", "1");
            properties.put("observability.http.port", "0");
            try (TriagePipeline pipeline = TriagePipeline.start(TriageConfigLoader.fromProperties(properties,
                    Map.of()))) {
                pipeline.awaitRunning(Duration.ofSeconds(60));
                feedImages(properties);
                URI metrics = URI.create("http://127.0.0.1:" + pipeline.metricsPort() + "/metrics");
                Set<String> exported = awaitMetrics(metrics);
                exported.addAll(names(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + tritonMetrics.port() + "/metrics")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body()));
                return exported;
            }
        }
    }

    private void feedImages(Map<String, String> properties) throws IOException {
        List<SampleImage> samples = SampleImages.catalog().stream()
                .filter(sample -> sample.name().startsWith("head-") || sample.name().startsWith("knee")).limit(3)
                .toList();
        for (SampleImage sample : samples) {
            Files.write(images.resolve(sample.fileName()), SampleImages.bytes(sample));
        }
        byte[] png = SampleImages.bytes(SampleImages.catalog().stream()
                .filter(sample -> sample.fileName().endsWith(".png")).findFirst().orElseThrow());
        Files.write(images.resolve("truncated.png"), Arrays.copyOf(png, 200));
        Path config = images.getParent().resolve(images.getFileName() + ".properties");
        Properties file = new Properties();
        file.putAll(properties);
        try (var out = Files.newOutputStream(config)) {
            file.store(out, "MonitoringConfigIT");
        }
        StringWriter output = new StringWriter();
        int exit = TriageCommand.commandLine(Map.of()).setOut(new PrintWriter(output)).setErr(new PrintWriter(output))
                .execute("feed", "folder", "--config", config.toString(), "--modality", "CT", images.toString());
        assertThat(exit).as(output.toString()).isZero();
    }

    /** Scrapes until drafts and a dead letter are counted; the metric names of the last answer. */
    private static Set<String> awaitMetrics(URI metrics) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.matches("(?s).*triage_dead_letters_total\\{[^}]*} [1-9].*")
                    && body.matches("(?s).*triage_drafts_total\\{[^}]*} [1-9].*")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(body).as("a draft and a dead letter counted").matches("(?s).*triage_dead_letters_total\\{[^}]*} [1-9].*");
        return names(body);
    }

    /** The metric names of a Prometheus text-format answer. */
    private static Set<String> names(String body) {
        Set<String> names = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
