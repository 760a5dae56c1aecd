package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Which retry timer a request keeps, so that cancelling it stops the one that matters. */
class InFlightRequestTest {

    private final InFlightRequest request = new InFlightRequest(
            new Record<>(null, new TriageRecord(null, null, new SourceCoordinates("imaging.events", 0, 1), 0L), 0L),
            answered -> { }, 0L);

    @Test
    void aTimerForAnEarlierAttemptDoesNotReplaceTheCurrentOne() {
        // given two attempts, the second's timer stored before the first's (a short backoff that
        // fired before the thread that scheduled it stored it)
        request.countAttempt(new CompletableFuture<>());
        request.countAttempt(new CompletableFuture<>());
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        request.retryAt(2, second);
        request.retryAt(1, first);

        // when
        request.cancel();

        // then
        assertThat(second).isCancelled();
        assertThat(first).isNotCancelled();
    }

    @Test
    void aTimerStoredAfterCancellingIsCancelledAtOnce() {
        // given a request cancelled between its failure and the storing of its retry timer
        request.countAttempt(new CompletableFuture<>());
        request.cancel();

        // when
        CompletableFuture<Void> timer = new CompletableFuture<>();
        request.retryAt(1, timer);

        // then
        assertThat(timer).isCancelled();
    }
}
