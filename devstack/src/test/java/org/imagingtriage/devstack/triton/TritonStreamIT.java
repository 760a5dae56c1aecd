package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imagingtriage.devstack.triton.StreamRecorder.finalFlag;
import static org.imagingtriage.devstack.triton.TritonTestSupport.bool;
import static org.imagingtriage.devstack.triton.TritonTestSupport.bytes;
import static org.imagingtriage.devstack.triton.TritonTestSupport.image;
import static org.imagingtriage.devstack.triton.TritonTestSupport.medgemma;
import static org.imagingtriage.devstack.triton.TritonTestSupport.strings;
import static org.imagingtriage.devstack.triton.TritonTestSupport.tensor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ModelStreamInfer with decoupled and non-decoupled models, as Triton's stream handler behaves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TritonStreamIT {

    private TritonSimulator triton;
    private ManagedChannel channel;

    @BeforeAll
    void start() {
        triton = TritonSimulator.started(TritonTestSupport.testConfig());
        channel = TritonTestSupport.channel(triton);
    }

    @AfterAll
    void stop() throws InterruptedException {
        TritonTestSupport.close(channel);
        triton.close();
    }

    @Test
    void decoupledModelSendsSeveralResponsesAndAnEmptyFinalOneOnlyWhenAskedFor() throws InterruptedException {
        // given
        ModelInferRequest withEmptyFinal = TritonTestSupport.decoupled("with-final", "hello")
                .putParameters("triton_enable_empty_final_response", bool(true)).build();
        ModelInferRequest withoutEmptyFinal = TritonTestSupport.decoupled("without-final", "hello").build();

        // when
        StreamRecorder recorder = stream(withEmptyFinal, withoutEmptyFinal);

        // then: three data responses each, none final; the first request also gets an empty final one
        assertThat(recorder.error()).isNull();
        List<ModelStreamInferResponse> first = recorder.forRequest("with-final");
        assertThat(first).hasSize(4);
        assertThat(first.subList(0, 3)).allSatisfy(response -> {
            assertThat(finalFlag(response)).isFalse();
            assertThat(response.getInferResponse().getOutputs(0).getName()).isEqualTo("CHUNK");
            assertThat(strings(response.getInferResponse().getRawOutputContents(0), 1).get(0)).startsWith("simulated:CHUNK:");
        });
        ModelStreamInferResponse last = first.get(3);
        assertThat(finalFlag(last)).isTrue();
        assertThat(last.getInferResponse().getOutputsCount()).isZero();
        assertThat(last.getInferResponse().getModelName()).isEqualTo(TritonTestSupport.DECOUPLED);

        List<ModelStreamInferResponse> second = recorder.forRequest("without-final");
        assertThat(second).hasSize(3).noneMatch(StreamRecorder::finalFlag);
        assertThat(triton.statistics(TritonTestSupport.DECOUPLED).getResponseStatsMap()).containsKeys("0", "1", "2");
    }

    @Test
    void nonDecoupledModelAnswersInRequestOrderWithTheFinalFlagAndSurvivesABadRequest() throws InterruptedException {
        // given: a good request, a bad one, another good one
        ModelInferRequest good = medgemma("one", image(1)).build();
        ModelInferRequest bad = medgemma("two", image(2)).setInputs(0, tensor("IMAGE", "UINT8", 1, 10, 10, 3)).build();
        ModelInferRequest alsoGood = medgemma("three", image(3)).build();

        // when
        StreamRecorder recorder = stream(good, bad, alsoGood);

        // then: the error is a response on the open stream, not the end of it
        assertThat(recorder.error()).isNull();
        List<ModelStreamInferResponse> received = recorder.received();
        assertThat(received).extracting(response -> response.getInferResponse().getId()).containsExactly("one", "two", "three");
        assertThat(received.get(0).getErrorMessage()).isEmpty();
        assertThat(finalFlag(received.get(0))).isTrue();
        assertThat(received.get(1).getErrorMessage()).startsWith("[request id: two] unexpected shape for input 'IMAGE'");
        assertThat(strings(received.get(2).getInferResponse().getRawOutputContents(0), 1).get(0))
                .isEqualTo(SimulatedDraft.forImage(image(3)));
    }

    @Test
    void vllmStreamsTheDraftLineByLineAndFlagsTheLastLine() throws InterruptedException {
        // given: the vLLM backend's auto-completed inputs
        String prompt = "<start_of_turn>user\nDescribe the image.<end_of_turn>\n";
        ModelInferRequest request = vllm("v1", prompt, true, false);

        // when
        StreamRecorder recorder = stream(request);

        // then
        List<ModelStreamInferResponse> responses = recorder.forRequest("v1");
        assertThat(responses).hasSize(5);
        assertThat(responses.subList(0, 4)).noneMatch(StreamRecorder::finalFlag);
        assertThat(finalFlag(responses.get(4))).isTrue();
        String text = String.join("", responses.stream()
                .map(response -> strings(response.getInferResponse().getRawOutputContents(0), 1).get(0))
                .toList());
        assertThat(text).isEqualTo(SimulatedDraft.forImage(prompt.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void vllmWithoutStreamingEchoesThePromptUnlessExcluded() throws InterruptedException {
        // given
        String prompt = "Describe the image.";
        String draft = SimulatedDraft.forImage(prompt.getBytes(StandardCharsets.UTF_8));

        // when
        StreamRecorder recorder = stream(vllm("echo", prompt, false, false), vllm("clean", prompt, false, true));

        // then
        assertThat(recorder.forRequest("echo")).singleElement().satisfies(response -> {
            assertThat(finalFlag(response)).isTrue();
            assertThat(strings(response.getInferResponse().getRawOutputContents(0), 1).get(0)).isEqualTo(prompt + draft);
        });
        assertThat(recorder.forRequest("clean")).singleElement().satisfies(response ->
                assertThat(strings(response.getInferResponse().getRawOutputContents(0), 1).get(0)).isEqualTo(draft));
    }

    private static ModelInferRequest vllm(String id, String prompt, boolean stream, boolean excludeInput) {
        return ModelInferRequest.newBuilder()
                .setModelName(TritonTestSupport.VLLM)
                .setId(id)
                .addInputs(tensor("text_input", "BYTES", 1))
                .addInputs(tensor("stream", "BOOL", 1))
                .addInputs(tensor("exclude_input_in_output", "BOOL", 1))
                .addRawInputContents(bytes(prompt))
                .addRawInputContents(ByteString.copyFrom(new byte[] {(byte) (stream ? 1 : 0)}))
                .addRawInputContents(ByteString.copyFrom(new byte[] {(byte) (excludeInput ? 1 : 0)}))
                .build();
    }

    /** Sends the requests on one stream, half-closes it and waits for the server to end it. */
    private StreamRecorder stream(ModelInferRequest... requests) throws InterruptedException {
        StreamRecorder recorder = new StreamRecorder();
        StreamObserver<ModelInferRequest> out = GRPCInferenceServiceGrpc.newStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .modelStreamInfer(recorder);
        for (ModelInferRequest request : requests) {
            out.onNext(request);
        }
        out.onCompleted();
        return recorder.awaitClosed();
    }
}
