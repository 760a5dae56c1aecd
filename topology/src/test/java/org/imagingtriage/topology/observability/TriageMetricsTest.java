package org.imagingtriage.topology.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagingtriage.contract.Stage;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.contract.Urgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TriageMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TriageMetrics metrics = new TriageMetrics(registry);

    @AfterEach
    void close() {
        metrics.close();
        registry.close();
    }

    @Test
    void deadLettersRenderWithStageAndReasonTags() {
        // when
        metrics.deadLetter(Stage.DECODE, "CORRUPT_IMAGE");

        // then
        assertThat(registry.scrape())
                .contains("triage_dead_letters_total{reason=\"CORRUPT_IMAGE\",stage=\"DECODE\"} 1.0");
    }

    @Test
    void reasonsThatAreNotCodesAreFoldedIntoOther() {
        // when
        metrics.deadLetter(Stage.VALIDATE, "patient John Doe missing");
        metrics.deadLetter(Stage.VALIDATE, null);

        // then
        assertThat(registry.scrape())
                .contains("triage_dead_letters_total{reason=\"OTHER\",stage=\"VALIDATE\"} 2.0")
                .doesNotContain("John");
    }

    @Test
    void reasonCardinalityIsCapped() {
        // given: the cap filled, the imaging reasons registered at start-up included
        for (int i = 0; i < TriageMetrics.MAX_REASONS - ImagingReason.values().length; i++) {
            metrics.deadLetter(Stage.RESOLVE, "CODE_" + i);
        }

        // when
        metrics.deadLetter(Stage.RESOLVE, "ONE_TOO_MANY");
        metrics.deadLetter(Stage.RESOLVE, "CODE_0");

        // then
        assertThat(registry.scrape())
                .contains("triage_dead_letters_total{reason=\"OTHER\",stage=\"RESOLVE\"} 1.0")
                .contains("triage_dead_letters_total{reason=\"CODE_0\",stage=\"RESOLVE\"} 2.0")
                .doesNotContain("ONE_TOO_MANY");
    }

    @Test
    void everyImagingReasonStartsAtZeroSoTheFirstDeadLetterIsAnIncrease() {
        // then: before any dead letter, an alert on identified images has a series at zero to rise from
        assertThat(registry.scrape())
                .contains("triage_dead_letters_total{reason=\"PHI_IN_DICOM_HEADER\",stage=\"DEIDENTIFICATION\"} 0.0")
                .contains("triage_dead_letters_total{reason=\"CORRUPT_IMAGE\",stage=\"DECODE\"} 0.0");
    }

    @Test
    void draftsAreCountedByUrgencyAndEveryUrgencyStartsAtZero() {
        // when
        metrics.draft(Urgency.URGENT);
        metrics.draft(Urgency.URGENT);

        // then
        assertThat(registry.scrape())
                .contains("triage_drafts_total{urgency=\"URGENT\"} 2.0")
                .contains("triage_drafts_total{urgency=\"ROUTINE\"} 0.0")
                .contains("triage_drafts_total{urgency=\"UNCERTAIN\"} 0.0");
    }

    @Test
    void timersPublishHistogramBucketsIncludingSloBoundaries() {
        // when
        metrics.recordEndToEnd(Duration.ofSeconds(3));
        metrics.recordStage(TimedStage.FEED_TO_PIPELINE, Duration.ofMillis(40));
        metrics.recordInference(InferenceOutcome.TRANSIENT_ERROR, Duration.ofMillis(1500));

        // then
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("triage_latency_end_to_end_seconds_bucket{le=\"5.0\"} 1")
                .contains("triage_latency_end_to_end_seconds_bucket{le=\"2.0\"} 0")
                .contains("triage_latency_end_to_end_seconds_count 1")
                .contains("triage_stage_duration_seconds_bucket{stage=\"feed_to_pipeline\",le=\"0.05\"} 1")
                .contains("triage_stage_duration_seconds_count{stage=\"inference\"} 0")
                .contains("triage_inference_duration_seconds_bucket{outcome=\"transient_error\",le=\"2.0\"} 1")
                .contains("triage_inference_duration_seconds_count{outcome=\"success\"} 0")
                .contains("triage_inference_duration_seconds_count{outcome=\"permanent_error\"} 0");
        for (TimedStage stage : TimedStage.values()) {
            assertThat(scrape).contains("triage_stage_duration_seconds_bucket{stage=\"" + stage.tagValue() + "\",le=");
        }
    }

    @Test
    void negativeDurationsAreIgnored() {
        // when
        metrics.recordStage(TimedStage.FEED_TO_PIPELINE, Duration.ofMillis(-5));

        // then
        assertThat(registry.scrape()).contains("triage_stage_duration_seconds_count{stage=\"feed_to_pipeline\"} 0");
    }

    @Test
    void inFlightGaugeReadsTheCallersSupplier() {
        // given
        AtomicInteger inFlight = new AtomicInteger(7);
        metrics.registerInFlight(inFlight::get);

        // when
        inFlight.set(3);

        // then
        assertThat(registry.scrape()).contains("triage_inference_in_flight 3.0");
        assertThatThrownBy(() -> metrics.registerInFlight(() -> 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void jvmBindersPublishProcessMetrics() {
        // when
        metrics.bindJvmMetrics();

        // then
        assertThat(registry.scrape())
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .contains("system_cpu_count");
    }
}
