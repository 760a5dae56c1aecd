package org.imagingtriage.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;
import org.junit.jupiter.api.Test;

class PreprocessBenchmarkTest {

    @Test
    void measuresWholeRunsOfThePipelinesStagesOverTheRequestedTime() throws Exception {
        // given
        SampleImage sample = SampleImages.catalog().stream()
                .filter(s -> s.width() <= 512 && s.height() <= 512).findFirst().orElseThrow();

        // when
        PreprocessBenchmark.Measurement measurement = PreprocessBenchmark.pipelineDefaults()
                .measure(sample.format(), SampleImages.bytes(sample), Duration.ZERO, Duration.ofMillis(50));

        // then
        assertThat(measurement.images()).isPositive();
        assertThat(measurement.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(measurement.imagesPerSecond())
                .isEqualTo(measurement.images() / (measurement.elapsed().toNanos() / 1e9));
    }

    @Test
    void readsThePythonReferencesRatePerFile() throws IOException {
        // given
        String output = "{\"file\": \"/c/CT_small.dcm\", \"images\": 73, \"seconds\": 2.0, \"side\": 896}\n"
                + "{\"file\": \"/c/MR_small.dcm\", \"images\": 10, \"seconds\": 0.5, \"side\": 896}\n";

        // when
        Map<Path, Double> rates = PreprocessReference.parse(output);

        // then
        assertThat(rates).containsExactly(Map.entry(Path.of("/c/CT_small.dcm"), 36.5),
                Map.entry(Path.of("/c/MR_small.dcm"), 20.0));
    }

    @Test
    void refusesAReferenceThatDidNotProduceThePipelinesTensor() {
        // given
        String output = "{\"file\": \"/c/CT_small.dcm\", \"images\": 73, \"seconds\": 2.0, \"side\": 512}\n";

        // when / then
        assertThatThrownBy(() -> PreprocessReference.parse(output))
                .isInstanceOf(IOException.class).hasMessageContaining("512-pixel image, not 896");
    }
}
