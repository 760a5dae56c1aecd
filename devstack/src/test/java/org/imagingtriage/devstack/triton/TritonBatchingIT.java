package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.imagingtriage.devstack.triton.TritonTestSupport.MEDGEMMA;
import static org.imagingtriage.devstack.triton.TritonTestSupport.SMALL_QUEUE;
import static org.imagingtriage.devstack.triton.TritonTestSupport.await;
import static org.imagingtriage.devstack.triton.TritonTestSupport.image;
import static org.imagingtriage.devstack.triton.TritonTestSupport.int64;
import static org.imagingtriage.devstack.triton.TritonTestSupport.medgemma;
import static org.imagingtriage.devstack.triton.TritonTestSupport.smallQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.InferBatchStatistics;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.imagingtriage.inference.proto.ModelStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dynamic batching, priority and queue policy. Every test makes the order of events explicit
 * instead of relying on timing: it stalls executions, occupies the single instance with one
 * request, queues the requests under test (waiting on the queue depth), and then releases the
 * stall. Batch composition is read from statistics and the execution history.
 */
class TritonBatchingIT {

    private TritonSimulator triton;
    private ManagedChannel channel;
    private final Map<String, ModelInferResponse> responses = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        triton = TritonSimulator.started(TritonTestSupport.testConfig());
        channel = TritonTestSupport.channel(triton);
    }

    @AfterEach
    void stop() throws InterruptedException {
        TritonTestSupport.close(channel);
        triton.close();
    }

    @Test
    void eightQueuedRequestsRunAsOneBatchOfEight() throws InterruptedException {
        // given: the only instance busy with a stalled warm-up request
        triton.faults().stall(Duration.ofMinutes(1));
        CountDownLatch done = new CountDownLatch(9);
        send(medgemma("warm-up", image(100)).build(), done);
        await("the warm-up request executes", () -> triton.executions(MEDGEMMA).size() == 1);

        // when: eight requests queue behind it and the stall ends
        for (int i = 1; i <= 8; i++) {
            sendQueued(MEDGEMMA, medgemma("r" + i, image(i)).build(), done, i);
        }
        triton.faults().releaseStall();

        // then
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        ModelStatistics statistics = triton.statistics(MEDGEMMA);
        assertThat(statistics.getExecutionCount()).isEqualTo(2);
        assertThat(statistics.getInferenceCount()).isEqualTo(9);
        assertThat(statistics.getBatchStatsList())
                .extracting(InferBatchStatistics::getBatchSize, batch -> batch.getComputeInfer().getCount())
                .containsExactly(tuple(1L, 1L), tuple(8L, 1L));
        assertThat(triton.executions(MEDGEMMA).get(1).requestIds())
                .containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8");
        // every item of the batch got the draft of its own image
        for (int i = 1; i <= 8; i++) {
            assertThat(draft(responses.get("r" + i))).isEqualTo(SimulatedDraft.forImage(image(i)));
        }
    }

    @Test
    void statRequestSubmittedLastRunsBeforeTheRoutineBacklog() throws InterruptedException {
        // given: a stalled instance and 16 routine (priority 2) requests queued behind it
        triton.faults().stall(Duration.ofMinutes(1));
        CountDownLatch done = new CountDownLatch(18);
        send(medgemma("warm-up", image(100)).build(), done);
        await("the warm-up request executes", () -> triton.executions(MEDGEMMA).size() == 1);
        for (int i = 0; i < 16; i++) {
            sendQueued(MEDGEMMA, medgemma("routine-" + i, image(i)).putParameters("priority", int64(2)).build(), done, i + 1);
        }

        // when: a STAT request (priority 1) arrives last
        sendQueued(MEDGEMMA, medgemma("stat", image(99)).putParameters("priority", int64(1)).build(), done, 17);
        triton.faults().releaseStall();

        // then: it is in the first batch after the warm-up; the backlog follows in arrival order
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        List<ExecutedBatch> executions = triton.executions(MEDGEMMA);
        assertThat(executions).hasSize(4);
        assertThat(executions.get(1).requestIds()).containsExactlyElementsOf(ids("stat", 0, 7));
        assertThat(executions.get(2).requestIds()).containsExactlyElementsOf(ids(null, 7, 15));
        assertThat(executions.get(3).requestIds()).containsExactly("routine-15");
    }

    @Test
    void fullQueueRejectsAtOnceWithUnavailable() throws InterruptedException {
        // given: small-queue's instance busy and its routine queue (2 places) full
        triton.faults().stall(Duration.ofMinutes(1));
        CountDownLatch done = new CountDownLatch(4);
        send(smallQueue("warm-up").build(), done);
        await("the warm-up request executes", () -> triton.executions(SMALL_QUEUE).size() == 1);
        sendQueued(SMALL_QUEUE, smallQueue("q1").build(), done, 1);
        sendQueued(SMALL_QUEUE, smallQueue("q2").build(), done, 2);

        // when / then: the next routine request is refused
        assertThatThrownBy(() -> blocking().modelInfer(smallQueue("q3").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).isEqualTo("[request id: q3] Exceeds maximum queue size");
                });

        // and: priority 1 has a queue of its own
        sendQueued(SMALL_QUEUE, smallQueue("urgent").putParameters("priority", int64(1)).build(), done, 3);
        triton.faults().releaseStall();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        ModelStatistics statistics = triton.statistics(SMALL_QUEUE);
        assertThat(statistics.getInferenceStats().getSuccess().getCount()).isEqualTo(4);
        assertThat(statistics.getInferenceStats().getFail().getCount()).as("Triton does not count a full queue").isZero();
    }

    @Test
    void requestWhoseQueueTimeoutExpiresIsRejected() throws InterruptedException {
        // given: small-queue busy; a request that will wait at most 200 ms (default 60 s, override allowed)
        triton.faults().stall(Duration.ofMinutes(1));
        CountDownLatch warmUp = new CountDownLatch(1);
        send(smallQueue("warm-up").build(), warmUp);
        await("the warm-up request executes", () -> triton.executions(SMALL_QUEUE).size() == 1);

        // when: its timeout passes while the instance is still stalled
        assertThatThrownBy(() -> blocking().modelInfer(smallQueue("impatient").putParameters("timeout", int64(200_000)).build()))
                // then
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Request timeout expired");
                });
        assertThat(triton.statistics(SMALL_QUEUE).getInferenceStats().getFail().getCount()).isEqualTo(1);
        assertThat(triton.faults().isStalled()).as("rejected while the instance was busy").isTrue();
        triton.faults().releaseStall();
        assertThat(warmUp.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void delayPolicyMovesAnExpiredRequestBehindItsLevel() throws InterruptedException {
        // given: priority 1 of small-queue delays expired requests instead of rejecting them
        triton.faults().stall(Duration.ofMinutes(1));
        CountDownLatch done = new CountDownLatch(3);
        send(smallQueue("warm-up").build(), done);
        await("the warm-up request executes", () -> triton.executions(SMALL_QUEUE).size() == 1);
        sendQueued(SMALL_QUEUE, smallQueue("first").putParameters("priority", int64(1))
                .putParameters("timeout", int64(1_000)).build(), done, 1);
        sendQueued(SMALL_QUEUE, smallQueue("second").putParameters("priority", int64(1)).build(), done, 2);

        // when: "first" is long past its 1 ms timeout when the instance frees up
        Thread.sleep(100);
        triton.faults().releaseStall();

        // then: both succeed, "first" now behind "second"
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(triton.executions(SMALL_QUEUE).get(1).requestIds()).containsExactly("second", "first");
    }

    @Test
    void medgemmaHonoursARequestTimeoutShorterThanItsDefault() throws InterruptedException {
        // given: the real MedGemma config queues requests for at most 60 s and allows shorter
        // request timeouts (Triton applies an override only below a non-zero default)
        triton.faults().stall(Duration.ofMinutes(1));
        CountDownLatch warmUp = new CountDownLatch(1);
        send(medgemma("warm-up", image(100)).build(), warmUp);
        await("the warm-up request executes", () -> triton.executions(MEDGEMMA).size() == 1);

        // when: a request asking for 200 ms waits behind the stalled instance
        assertThatThrownBy(() -> blocking().modelInfer(
                medgemma("short-timeout", image(1)).putParameters("timeout", int64(200_000)).build()))
                // then: it is rejected as Triton rejects it, and the pipeline may retry
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Request timeout expired");
                });
        triton.faults().releaseStall();
    }

    @Test
    void instanceCountBoundsConcurrentExecutions() throws InterruptedException {
        // given: tensor-nobatch has two instances and no dynamic batching
        triton.faults().stall(Duration.ofMinutes(1));
        CountDownLatch done = new CountDownLatch(3);

        // when: three requests arrive while executions hang
        for (int i = 0; i < 3; i++) {
            send(noBatch("n" + i), done);
        }

        // then: two execute, one waits for a free instance
        await("two execute and one waits",
                () -> triton.executions(TritonTestSupport.NO_BATCH).size() == 2 && triton.queueDepth(TritonTestSupport.NO_BATCH) == 1);
        triton.faults().releaseStall();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(triton.statistics(TritonTestSupport.NO_BATCH).getExecutionCount()).isEqualTo(3);
    }

    private static ModelInferRequest noBatch(String id) {
        return ModelInferRequest.newBuilder()
                .setModelName(TritonTestSupport.NO_BATCH)
                .setId(id)
                .addInputs(TritonTestSupport.tensor("INPUT0", "FP32", 2, 1))
                .addRawInputContents(ByteString.copyFrom(new byte[8]))
                .build();
    }

    private static List<String> ids(String first, int from, int to) {
        List<String> ids = new ArrayList<>();
        if (first != null) {
            ids.add(first);
        }
        IntStream.range(from, to).forEach(i -> ids.add("routine-" + i));
        return ids;
    }

    private static String draft(ModelInferResponse response) {
        return TritonTestSupport.strings(response.getRawOutputContents(0), 1).get(0);
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private void send(ModelInferRequest request, CountDownLatch done) {
        GRPCInferenceServiceGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .modelInfer(request, new StreamObserver<>() {
                    @Override
                    public void onNext(ModelInferResponse response) {
                        responses.put(request.getId(), response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        failures.put(request.getId(), t);
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
    }

    /** Sends and waits until the request is in the queue, so queue order is send order. */
    private void sendQueued(String model, ModelInferRequest request, CountDownLatch done, int expectedDepth)
            throws InterruptedException {
        send(request, done);
        await(request.getId() + " is queued", () -> triton.queueDepth(model) == expectedDepth);
    }
}
