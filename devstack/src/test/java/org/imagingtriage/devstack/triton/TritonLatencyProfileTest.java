package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Latency profiles and their seeded jitter. */
class TritonLatencyProfileTest {

    @Test
    void builtInProfilesAreFoundByName() {
        assertThat(LatencyProfile.named("instant")).isEqualTo(LatencyProfile.INSTANT);
        assertThat(LatencyProfile.named("FAST")).isEqualTo(LatencyProfile.FAST);
        assertThat(LatencyProfile.named("medgemma-h100")).isEqualTo(LatencyProfile.MEDGEMMA_H100);
        assertThatThrownBy(() -> LatencyProfile.named("a100")).hasMessageContaining("unknown latency profile 'a100'");
    }

    @Test
    void medgemmaBatchOfEightTakesAboutThreeAndAHalfSeconds() {
        LatencyModel model = new LatencyModel(LatencyProfile.MEDGEMMA_H100, 1);

        long nanos = model.nanosForBatch(8);

        assertThat(Duration.ofNanos(nanos)).isBetween(Duration.ofMillis(3150), Duration.ofMillis(3850));
    }

    @Test
    void sameSeedGivesTheSameDurations() {
        assertThat(durations(7)).isEqualTo(durations(7)).isNotEqualTo(durations(8));
    }

    @Test
    void instantIsZero() {
        assertThat(new LatencyModel(LatencyProfile.INSTANT, 1).nanosForBatch(8)).isZero();
    }

    @Test
    void invalidProfilesAreRefused() {
        assertThatThrownBy(() -> new LatencyProfile("x", Duration.ofMillis(-1), Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyProfile("x", Duration.ZERO, Duration.ZERO, 1))
                .hasMessageContaining("jitter");
    }

    private static List<Long> durations(long seed) {
        LatencyModel model = new LatencyModel(LatencyProfile.FAST, seed);
        List<Long> durations = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            durations.add(model.nanosForBatch(i));
        }
        return durations;
    }
}
