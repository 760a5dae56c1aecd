package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imagingtriage.devstack.triton.TritonTestSupport.SMALL_QUEUE;
import static org.imagingtriage.devstack.triton.TritonTestSupport.smallQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.ServerLiveRequest;
import org.junit.jupiter.api.Test;

/** Faults switched at run time: outage windows and injected errors. */
class TritonFaultsIT {

    @Test
    void everyRpcIsUnavailableDuringAnOutageWindow() throws InterruptedException {
        try (TritonSimulator triton = TritonSimulator.started(TritonTestSupport.testConfig())) {
            ManagedChannel channel = TritonTestSupport.channel(triton);
            try {
                // given
                assertThat(blocking(channel).serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();

                // when
                triton.faults().startUnavailable();

                // then
                assertUnavailable(() -> blocking(channel).serverLive(ServerLiveRequest.getDefaultInstance()));
                assertUnavailable(() -> blocking(channel).modelInfer(smallQueue("during").build()));

                // and when it ends, service resumes
                triton.faults().endUnavailable();
                assertThat(blocking(channel).modelInfer(smallQueue("after").build()).getId()).isEqualTo("after");
            } finally {
                TritonTestSupport.close(channel);
            }
        }
    }

    @Test
    void timedOutageWindowEndsByItself() throws InterruptedException {
        try (TritonSimulator triton = TritonSimulator.started(TritonTestSupport.testConfig())) {
            ManagedChannel channel = TritonTestSupport.channel(triton);
            try {
                // when
                triton.faults().startUnavailable(Duration.ofSeconds(2));
                assertUnavailable(() -> blocking(channel).serverLive(ServerLiveRequest.getDefaultInstance()));

                // then
                TritonTestSupport.await("the window ends", () -> !triton.faults().isUnavailable());
                assertThat(blocking(channel).serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
            } finally {
                TritonTestSupport.close(channel);
            }
        }
    }

    @Test
    void errorRateFailsRequestsWithInternalAndCountsThem() throws InterruptedException {
        try (TritonSimulator triton = TritonSimulator.started(TritonTestSupport.testConfig())) {
            ManagedChannel channel = TritonTestSupport.channel(triton);
            try {
                // given
                triton.faults().setErrorRate(1);

                // when / then
                assertThatThrownBy(() -> blocking(channel).modelInfer(smallQueue("doomed").build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                            assertThat(e.getStatus().getDescription())
                                    .isEqualTo("[request id: doomed] " + FaultInjector.INJECTED_ERROR_MESSAGE);
                        });
                assertThat(triton.statistics(SMALL_QUEUE).getInferenceStats().getFail().getCount()).isEqualTo(1);
                assertThat(triton.statistics(SMALL_QUEUE).getExecutionCount()).as("the batch still ran").isEqualTo(1);

                triton.faults().setErrorRate(0);
                assertThat(blocking(channel).modelInfer(smallQueue("fine").build()).getId()).isEqualTo("fine");
            } finally {
                TritonTestSupport.close(channel);
            }
        }
    }

    @Test
    void sameSeedFailsTheSameRequests() throws InterruptedException {
        // given: two simulators with one seed and a 50 % error rate
        TritonSimulatorConfig config = TritonTestSupport.testConfig().withSeed(42)
                .withFaults(FaultSettings.NONE.withErrorRate(0.5));

        // when: the same requests, one at a time
        List<String> first = failedIds(config);
        List<String> second = failedIds(config);

        // then
        assertThat(first).isEqualTo(second).isNotEmpty().hasSizeLessThan(20);
    }

    private static List<String> failedIds(TritonSimulatorConfig config) throws InterruptedException {
        List<String> failed = new ArrayList<>();
        try (TritonSimulator triton = TritonSimulator.started(config)) {
            ManagedChannel channel = TritonTestSupport.channel(triton);
            try {
                for (int i = 0; i < 20; i++) {
                    try {
                        blocking(channel).modelInfer(smallQueue("request-" + i).build());
                    } catch (StatusRuntimeException e) {
                        failed.add("request-" + i);
                    }
                }
            } finally {
                TritonTestSupport.close(channel);
            }
        }
        return failed;
    }

    private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking(ManagedChannel channel) {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription()).isEqualTo(FaultInjector.UNAVAILABLE_MESSAGE);
        });
    }
}
