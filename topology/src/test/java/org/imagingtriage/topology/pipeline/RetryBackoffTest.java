package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesUpToTheMaximumWithinHalfToAllOfTheNominalWait() {
        // given: the lowest and the highest jitter
        RetryBackoff low = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        RetryBackoff high = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999_999);

        // then
        assertThat(low.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(low.delay(30)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.delay(1)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(high.delay(4)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        assertThat(high.delay(1000)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    }
}
