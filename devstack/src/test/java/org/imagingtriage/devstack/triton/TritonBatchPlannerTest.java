package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.imagingtriage.inference.proto.ModelInferResponse;
import org.junit.jupiter.api.Test;

/** The dynamic batcher's decisions, with a controlled clock. */
class TritonBatchPlannerTest {

    private static final long MILLI = 1_000_000L;

    /** medgemma-like: max 8, preferred 4 and 8, 100 ms delay. */
    private final BatchingPolicy policy = new BatchingPolicy(true, 8, new TreeSet<>(List.of(4, 8)), 100 * MILLI, 2, 2,
            QueuePolicy.UNBOUNDED, Map.of(), 1, false);

    @Test
    void preferredSizeRunsAtOnce() {
        // given: five single requests, just queued
        List<PendingRequest> queued = requests(0, 1, 1, 1, 1, 1);

        // when
        BatchPlanner.Plan plan = BatchPlanner.plan(queued, policy, 0);

        // then: the largest preferred size reachable, 4
        assertThat(plan.requestCount()).isEqualTo(4);
    }

    @Test
    void smallerBatchWaitsForTheRestOfTheQueueDelay() {
        BatchPlanner.Plan plan = BatchPlanner.plan(requests(0, 1, 1), policy, 30 * MILLI);

        assertThat(plan.runsNow()).isFalse();
        assertThat(plan.waitNanos()).isEqualTo(70 * MILLI);
    }

    @Test
    void smallerBatchRunsOnceTheOldestRequestWaitedTheDelay() {
        BatchPlanner.Plan plan = BatchPlanner.plan(requests(0, 1, 1, 1), policy, 100 * MILLI);

        assertThat(plan.requestCount()).isEqualTo(3);
    }

    @Test
    void wholeRequestsNeverExceedMaxBatchSize() {
        // given: batch sizes 3 + 3 + 3 = 9 > 8, no preferred size reachable
        BatchPlanner.Plan plan = BatchPlanner.plan(requests(0, 3, 3, 3), policy, 0);

        // then: as Triton, the point where the next request would pass the largest preferred size
        assertThat(plan.requestCount()).isEqualTo(2);
    }

    @Test
    void requestsWithDifferentInputsDoNotShareABatch() {
        List<PendingRequest> queued = new ArrayList<>(requests(0, 1, 1));
        queued.add(request(0, 1, "with MAX_NEW_TOKENS"));

        BatchPlanner.Plan plan = BatchPlanner.plan(queued, policy, 0);

        assertThat(plan.requestCount()).isEqualTo(2);
    }

    @Test
    void withoutDynamicBatchingEveryRequestRunsAlone() {
        BatchingPolicy none = new BatchingPolicy(false, 0, new TreeSet<>(), 0, 0, 0, QueuePolicy.UNBOUNDED, Map.of(), 1, false);

        assertThat(BatchPlanner.plan(requests(0, 1, 1, 1), none, 0).requestCount()).isEqualTo(1);
    }

    @Test
    void queueOrdersByPriorityLevelThenArrival() {
        // given
        PriorityRequestQueue queue = new PriorityRequestQueue(policy);
        queue.enqueue(request(0, 1, "", 2, "routine-1"), 0);
        queue.enqueue(request(0, 1, "", 0, "default"), 1);
        queue.enqueue(request(0, 1, "", 1, "stat"), 2);

        // when
        List<String> order = queue.take(3).stream().map(PendingRequest::id).toList();

        // then
        assertThat(order).containsExactly("stat", "routine-1", "default");
    }

    @Test
    void timeoutOverrideMayOnlyShortenANonZeroDefault() {
        QueuePolicy withDefault = new QueuePolicy(false, 1_000, true, 0);
        QueuePolicy withoutDefault = new QueuePolicy(false, 0, true, 0);
        QueuePolicy noOverride = new QueuePolicy(false, 1_000, false, 0);

        assertThat(withDefault.timeoutMicros(10)).isEqualTo(10);
        assertThat(withDefault.timeoutMicros(5_000)).isEqualTo(1_000);
        assertThat(withDefault.timeoutMicros(0)).isEqualTo(1_000);
        assertThat(withDefault.timeoutMicros(-1)).as("uint64 in Triton: enormous").isEqualTo(1_000);
        assertThat(withoutDefault.timeoutMicros(10)).isZero();
        assertThat(noOverride.timeoutMicros(10)).isEqualTo(1_000);
    }

    private static List<PendingRequest> requests(long enqueuedAt, int... batchSizes) {
        List<PendingRequest> requests = new ArrayList<>();
        for (int size : batchSizes) {
            requests.add(request(enqueuedAt, size, ""));
        }
        return requests;
    }

    private static PendingRequest request(long enqueuedAt, int batchSize, String signature) {
        return request(enqueuedAt, batchSize, signature, 0, "r");
    }

    private static PendingRequest request(long enqueuedAt, int batchSize, String signature, long priority, String id) {
        ValidatedRequest validated = new ValidatedRequest(id, null, 1, batchSize,
                new RequestParameters(priority, 0, false), List.of(), Set.of(), signature);
        PendingRequest pending = new PendingRequest(validated, new NoSink(), enqueuedAt, 0);
        pending.enqueued(enqueuedAt, 0);
        return pending;
    }

    private static final class NoSink implements ResponseSink {
        @Override
        public void respond(ModelInferResponse response, boolean isFinal) {
        }

        @Override
        public void completeWithoutResponse() {
        }

        @Override
        public void fail(TritonError error) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
