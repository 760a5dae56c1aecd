package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightWindowTest {

    @Test
    void routineRecordsStopShortOfTheReservedSlotsAndPriorityRecordsDoNot() {
        // given
        InFlightWindow window = new InFlightWindow(4, 1);

        // when
        int routine = 0;
        while (window.tryAcquire(Lane.ROUTINE)) {
            routine++;
        }

        // then
        assertThat(routine).isEqualTo(3);
        assertThat(window.tryAcquire(Lane.PRIORITY)).isTrue();
        assertThat(window.tryAcquire(Lane.PRIORITY)).isFalse();
        window.release();
        assertThat(window.tryAcquire(Lane.ROUTINE)).isFalse();
        assertThat(window.tryAcquire(Lane.PRIORITY)).isTrue();
    }

    @Test
    void aReleaseBeforeTheWaitIsNotMissed() throws Exception {
        // given
        InFlightWindow window = new InFlightWindow(2, 0);
        window.tryAcquire(Lane.ROUTINE);
        long seen = window.changes();
        window.release();

        // when
        long start = System.nanoTime();
        window.awaitChange(seen, Duration.ofSeconds(30).toNanos());

        // then: returned at once, not after the timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(window.inUse()).isZero();
    }

    @Test
    void releasingMoreThanWasTakenIsABug() {
        assertThatThrownBy(() -> new InFlightWindow(2, 0).release()).isInstanceOf(IllegalStateException.class);
    }
}
