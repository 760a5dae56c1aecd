package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imagingtriage.devstack.triton.TritonTestSupport.MEDGEMMA;
import static org.imagingtriage.devstack.triton.TritonTestSupport.bytes;
import static org.imagingtriage.devstack.triton.TritonTestSupport.image;
import static org.imagingtriage.devstack.triton.TritonTestSupport.medgemma;
import static org.imagingtriage.devstack.triton.TritonTestSupport.tensor;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.imagingtriage.inference.proto.GRPCInferenceServiceGrpc;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.InferTensorContents;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferRequest.InferInputTensor;
import org.imagingtriage.inference.proto.ModelInferRequest.InferRequestedOutputTensor;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Requests Triton would refuse are refused with Triton's status code and message. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TritonValidationIT {

    private static final String BATCH_NOTE = "NOTE: Setting a non-zero max_batch_size in the model config requires a "
            + "batch dimension to be prepended to each input shape. If you want to specify the full shape including "
            + "the batch dim in your input dims config, try setting max_batch_size to zero. See the model "
            + "configuration docs for more info on max_batch_size.";

    private TritonSimulator triton;
    private ManagedChannel channel;
    private final byte[] image = image(1);

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
    void unknownModelIsNotFound() {
        // given
        ModelInferRequest request = medgemma("r1", image).setModelName("no-such-model").build();

        // when / then
        assertRefused(request, Status.Code.NOT_FOUND, "Request for unknown model: 'no-such-model' is not found");
    }

    @Test
    void unknownVersionIsNotFound() {
        assertRefused(medgemma("r1", image).setModelVersion("7").build(), Status.Code.NOT_FOUND,
                "Request for unknown model: 'medgemma-4b-it' version 7 is not found");
    }

    @Test
    void misspeltInputNameIsAnUnexpectedInput() {
        // given: IMAGE sent as PICTURE
        ModelInferRequest request = medgemma("r1", image).setInputs(0, tensor("PICTURE", "UINT8", 1, 896, 896, 3)).build();

        // when / then
        assertRefused(request, Status.Code.INVALID_ARGUMENT, "unexpected inference input 'PICTURE' for model 'medgemma-4b-it'");
    }

    @Test
    void missingRequiredInputNamesTheCountsAndTheMissingInput() {
        // given: no PROMPT
        ModelInferRequest request = ModelInferRequest.newBuilder()
                .setModelName(MEDGEMMA)
                .setId("missing")
                .addInputs(tensor("IMAGE", "UINT8", 1, 896, 896, 3))
                .addRawInputContents(ByteString.copyFrom(image))
                .build();

        // when / then
        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: missing] expected number of inputs between 2 "
                + "and 3 but got 1 inputs for model 'medgemma-4b-it'. Got input(s) ['IMAGE'], but missing required "
                + "input(s) ['PROMPT']. Please provide all required input(s).");
    }

    @Test
    void wrongDatatypeNamesBothTypes() {
        ModelInferRequest request = medgemma("typed", image).setInputs(0, tensor("IMAGE", "FP32", 1, 896, 896, 3)).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT,
                "[request id: typed] inference input 'IMAGE' data-type is 'FP32', but model 'medgemma-4b-it' expects 'UINT8'");
    }

    @Test
    void unknownDatatypeIsInvalid() {
        ModelInferRequest request = medgemma("", image).setInputs(1, tensor("PROMPT", "STRING", 1, 1)).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT,
                "[request id: <id_unknown>] inference input 'PROMPT' data-type is '<invalid>', but model 'medgemma-4b-it' expects 'BYTES'");
    }

    @Test
    void wrongShapeShowsTheExpectedShapeWithTheBatchDimension() {
        ModelInferRequest request = medgemma("shape", image).setInputs(0, tensor("IMAGE", "UINT8", 1, 448, 448, 3)).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: shape] unexpected shape for input 'IMAGE' for "
                + "model 'medgemma-4b-it'. Expected [-1,896,896,3], got [1,448,448,3]. " + BATCH_NOTE);
    }

    @Test
    void missingBatchDimensionIsAShapeError() {
        ModelInferRequest request = medgemma("nobatch", image).setInputs(0, tensor("IMAGE", "UINT8", 896, 896, 3)).build();

        // then: Triton reads 896 as IMAGE's batch size, and PROMPT's 1 disagrees
        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: nobatch] input 'PROMPT' batch size does not "
                + "match other inputs for 'medgemma-4b-it'");
    }

    @Test
    void rawSizeMustMatchShapeTimesElementSize() {
        ModelInferRequest request = medgemma("size", image).setRawInputContents(0, ByteString.copyFrom(new byte[100])).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: size] input byte size mismatch for input "
                + "'IMAGE' for model 'medgemma-4b-it'. Expected 2408448, got 100");
    }

    @Test
    void bytesLengthPrefixBeyondTheBufferIsRefused() {
        // given: one element declaring 1000 bytes, carrying 3
        ByteString lying = ByteString.copyFrom(new byte[] {(byte) 0xE8, 0x03, 0, 0, 'a', 'b', 'c'});
        ModelInferRequest request = medgemma("lying", image).setRawInputContents(1, lying).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: lying] element 0 of inference input 'PROMPT' "
                + "for model 'medgemma-4b-it' declares 1000 bytes but only 3 bytes remain");
    }

    @Test
    void moreBytesElementsThanTheShapeIsRefused() {
        ModelInferRequest request = medgemma("two", image).setRawInputContents(1, bytes("one", "two")).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: two] unexpected number of string elements 2 "
                + "for inference input 'PROMPT' for model 'medgemma-4b-it', expecting 1");
    }

    @Test
    void truncatedLengthPrefixIsRefused() {
        ModelInferRequest request = medgemma("short", image).setRawInputContents(1, ByteString.copyFrom(new byte[] {5, 0})).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: short] incomplete string length indicator for "
                + "inference input 'PROMPT' for model 'medgemma-4b-it', expecting 4 bytes but only 2 bytes available. "
                + "Please make sure the string length indicator is in one buffer.");
    }

    @Test
    void batchLargerThanMaxBatchSizeIsRefusedBeforeItsDataIsChecked() {
        // given: batch 9 declared, data not even sent in full
        ModelInferRequest request = medgemma("nine", image)
                .setInputs(0, tensor("IMAGE", "UINT8", 9, 896, 896, 3))
                .setInputs(1, tensor("PROMPT", "BYTES", 9, 1))
                .build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT,
                "[request id: nine] inference request batch-size must be <= 8 for 'medgemma-4b-it'");
    }

    @Test
    void contentsAndRawInputContentsCannotBeMixed() {
        ModelInferRequest request = medgemma("mixed", image)
                .setInputs(1, tensor("PROMPT", "BYTES", 1, 1).toBuilder()
                        .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("hi")))
                        .build())
                .build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT,
                "contents field must not be specified when using raw_input_contents for 'PROMPT' for model 'medgemma-4b-it'");
    }

    @Test
    void typedContentsMustUseTheFieldOfTheDeclaredType() {
        InferInputTensor input = tensor("INPUT0", "FP32", 2, 1).toBuilder()
                .setContents(InferTensorContents.newBuilder().addIntContents(1).addIntContents(2))
                .build();
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName(TritonTestSupport.NO_BATCH).addInputs(input).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "unexpected explicit tensor data for input tensor 'INPUT0' "
                + "for model 'tensor-nobatch' of type 'INT32', expected datatype 'FP32'");
    }

    @Test
    void typedContentsOfTheRightTypeAreAccepted() {
        // given: a non-batching model, full shape with a variable dimension filled in
        InferInputTensor input = tensor("INPUT0", "FP32", 2, 2).toBuilder()
                .setContents(InferTensorContents.newBuilder().addFp32Contents(1).addFp32Contents(2)
                        .addFp32Contents(3).addFp32Contents(4))
                .build();
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName(TritonTestSupport.NO_BATCH).addInputs(input).build();

        // when
        ModelInferResponse response = stub().modelInfer(request);

        // then
        assertThat(response.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName)
                .containsExactly("OUTPUT0", "LABELS");
        assertThat(response.getOutputs(0).getShapeList()).containsExactly(2L, 3L);
        assertThat(response.getRawOutputContents(0).size()).isEqualTo(6 * 4);
    }

    @Test
    void wildcardInARequestShapeIsRefused() {
        InferInputTensor input = tensor("INPUT0", "FP32", 2, -1);
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName(TritonTestSupport.NO_BATCH).setId("w")
                .addInputs(input).addRawInputContents(ByteString.EMPTY).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "[request id: w] All input dimensions should be specified "
                + "for input 'INPUT0' for model 'tensor-nobatch', got [2,-1]");
    }

    @Test
    void unknownRequestedOutputIsRefused() {
        ModelInferRequest request = medgemma("out", image)
                .addOutputs(InferRequestedOutputTensor.newBuilder().setName("LOGITS")).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "unexpected inference output 'LOGITS' for model 'medgemma-4b-it'");
    }

    @Test
    void negativePriorityIsRefused() {
        ModelInferRequest request = medgemma("p", image).putParameters("priority", TritonTestSupport.int64(-1)).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "invalid value for 'priority', expected value >= 0.");
    }

    @Test
    void timeoutMustBeAnInt64() {
        ModelInferRequest request = medgemma("t", image)
                .putParameters("timeout", InferParameter.newBuilder().setStringParam("1s").build()).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "invalid value type for 'timeout' parameter, expected int64_param.");
    }

    @Test
    void unknownTritonParameterIsReserved() {
        ModelInferRequest request = medgemma("t", image).putParameters("triton_anything", TritonTestSupport.bool(true)).build();

        assertRefused(request, Status.Code.INVALID_ARGUMENT, "parameter keys starting with 'triton_' are reserved for "
                + "Triton usage. Only the following keys starting with 'triton_' are allowed: triton_enable_empty_final_response");
    }

    @Test
    void decoupledModelCannotBeCalledWithModelInfer() {
        assertRefused(TritonTestSupport.decoupled("d", "hello").build(), Status.Code.UNIMPLEMENTED,
                "ModelInfer RPC doesn't support models with decoupled transaction policy");
    }

    @Test
    void optionalInputMayBeSent() {
        // given: MAX_NEW_TOKENS in raw_input_contents like the other inputs (mixing is not allowed)
        ModelInferRequest request = medgemma("opt", image)
                .addInputs(tensor("MAX_NEW_TOKENS", "INT32", 1, 1))
                .addRawInputContents(ByteString.copyFrom(new byte[] {0, 1, 0, 0}))
                .build();

        // when
        ModelInferResponse response = stub().modelInfer(request);

        // then
        assertThat(response.getId()).isEqualTo("opt");
        assertThat(response.getOutputs(0).getShapeList()).containsExactly(1L, 1L);
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private void assertRefused(ModelInferRequest request, Status.Code code, String message) {
        assertThatThrownBy(() -> stub().modelInfer(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(code);
                    assertThat(e.getStatus().getDescription()).isEqualTo(message);
                });
    }
}
