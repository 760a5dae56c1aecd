package org.imagingtriage.topology.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadinessChecksTest {

    @Test
    void streamsIsReadyWhenRunning() {
        // given
        StreamsStateCheck check = new StreamsStateCheck(() -> KafkaStreams.State.RUNNING);

        // when / then
        assertThat(check.check().ready()).isTrue();
        assertThat(check.name()).isEqualTo("kafka-streams");
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, mode = EnumSource.Mode.EXCLUDE, names = "RUNNING")
    void streamsIsNotReadyInAnyOtherState(KafkaStreams.State state) {
        // given
        StreamsStateCheck check = new StreamsStateCheck(() -> state);

        // when
        ReadinessCheck.Result result = check.check();

        // then
        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).contains(state.name());
    }

    @Test
    void streamsWithUnknownStateIsNotReady() {
        assertThat(new StreamsStateCheck(() -> null).check().ready()).isFalse();
    }

    @Test
    void tritonAnswerIsCachedForTheTtl() {
        // given
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean ready = new AtomicBoolean(true);
        AtomicLong now = new AtomicLong(1_000);
        TritonModelReadyCheck check = new TritonModelReadyCheck(() -> {
            calls.incrementAndGet();
            return ready.get();
        }, Duration.ofSeconds(2), now::get);

        // when
        ReadinessCheck.Result first = check.check();
        ready.set(false);
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        ReadinessCheck.Result cached = check.check();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        ReadinessCheck.Result refreshed = check.check();

        // then
        assertThat(first.ready()).isTrue();
        assertThat(cached.ready()).isTrue();
        assertThat(refreshed.ready()).isFalse();
        assertThat(refreshed.reason()).isEqualTo("Triton reports the model not ready");
        assertThat(calls).hasValue(2);
    }

    @Test
    void tritonExceptionIsNotReadyAndAlsoCached() {
        // given
        AtomicInteger calls = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        TritonModelReadyCheck check = new TritonModelReadyCheck(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("UNAVAILABLE: io exception 10.0.0.7:8001");
        }, Duration.ofSeconds(2), now::get);

        // when
        ReadinessCheck.Result result = check.check();
        check.check();

        // then
        assertThat(result.ready()).isFalse();
        assertThat(result.reason())
                .contains("IllegalStateException")
                .doesNotContain("10.0.0.7");
        assertThat(calls).hasValue(1);
    }
}
