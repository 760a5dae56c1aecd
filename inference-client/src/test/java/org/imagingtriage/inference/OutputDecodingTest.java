package org.imagingtriage.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.InferTensorContents;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.junit.jupiter.api.Test;

class OutputDecodingTest {

  @Test
  void decodesRawBytesAndNumericOutputs() {
    // given a response with raw contents for a BYTES and an INT32 output
    ModelInferResponse response =
        ModelInferResponse.newBuilder()
            .setModelName("m")
            .setId("r")
            .addOutputs(output("DRAFT", "BYTES", 1, 1))
            .addOutputs(output("COUNT", "INT32", 2))
            .addRawOutputContents(
                InferInput.strings("DRAFT", List.of(1L, 1L), List.of("URGENCY: ROUTINE"))
                    .rawContents())
            .addRawOutputContents(InferInput.int32("COUNT", List.of(2L), 3, -4).rawContents())
            .build();

    // when
    InferResult result = InferResult.fromProto(response);

    // then
    assertThat(result.output("DRAFT").asString()).isEqualTo("URGENCY: ROUTINE");
    assertThat(result.output("COUNT").asInt32()).containsExactly(3, -4);
    assertThat(result.isFinal()).isTrue();
    assertThat(result.finalFlag()).isEmpty();
  }

  @Test
  void fallsBackToTypedContentsWhenNoRawContentsArrive() {
    // given a response using the typed contents form
    ModelInferResponse response =
        ModelInferResponse.newBuilder()
            .addOutputs(
                output("TEXT", "BYTES", 2)
                    .setContents(
                        InferTensorContents.newBuilder()
                            .addBytesContents(ByteString.copyFromUtf8("a"))
                            .addBytesContents(ByteString.copyFromUtf8("bc"))))
            .addOutputs(
                output("SCORES", "FP32", 2)
                    .setContents(
                        InferTensorContents.newBuilder().addFp32Contents(0.5f).addFp32Contents(2f)))
            .addOutputs(
                output("PIXELS", "UINT8", 3)
                    .setContents(
                        InferTensorContents.newBuilder()
                            .addUintContents(0)
                            .addUintContents(128)
                            .addUintContents(255)))
            .build();

    // when
    InferResult result = InferResult.fromProto(response);

    // then
    assertThat(result.output("TEXT").asStrings()).containsExactly("a", "bc");
    assertThat(result.output("SCORES").asFp32()).containsExactly(0.5f, 2f);
    assertThat(result.output("PIXELS").asUint8()).containsExactly(0, 128, 255);
  }

  @Test
  void bytesLengthBeyondTheBufferIsRejectedBeforeAllocating() {
    // given one element claiming 2 GiB in a 9-byte buffer
    ByteString raw = ByteString.copyFrom(new byte[] {0, 0, 0, (byte) 0x80, 1, 2, 3, 4, 5});

    // then
    assertThatThrownBy(() -> BytesElements.decode(raw, 1, "DRAFT"))
        .isInstanceOf(MalformedTensorException.class)
        .hasMessageContaining("claims 2147483648 bytes but 5 remain");
  }

  @Test
  void elementCountBeyondWhatTheBufferCanHoldIsRejected() {
    // given a shape promising a billion elements and eight bytes
    ByteString raw = ByteString.copyFrom(new byte[8]);

    assertThatThrownBy(() -> BytesElements.decode(raw, 1_000_000_000L, "DRAFT"))
        .isInstanceOf(MalformedTensorException.class)
        .hasMessageContaining("promises 1000000000 BYTES elements");
  }

  @Test
  void truncatedPrefixAndTrailingBytesAreRejected() {
    ByteString truncated =
        ByteString.copyFrom(new byte[] {5, 0, 0, 0, 'a', 'b', 'c', 'd', 'e', 1, 0});
    ByteString trailing = ByteString.copyFrom(new byte[] {1, 0, 0, 0, 'a', 9});

    assertThatThrownBy(() -> BytesElements.decode(truncated, 2, "T"))
        .hasMessageContaining("truncated length prefix");
    assertThatThrownBy(() -> BytesElements.decode(trailing, 1, "T"))
        .hasMessageContaining("1 bytes follow the last BYTES element");
  }

  @Test
  void fixedSizeOutputMustMatchItsShape() {
    ModelInferResponse response =
        ModelInferResponse.newBuilder()
            .addOutputs(output("X", "FP32", 3))
            .addRawOutputContents(ByteString.copyFrom(new byte[8]))
            .build();

    assertThatThrownBy(() -> InferResult.fromProto(response))
        .isInstanceOf(MalformedTensorException.class)
        .hasMessageContaining("needs 12 bytes, got 8");
  }

  @Test
  void rawContentsMustCoverEveryOutput() {
    ModelInferResponse response =
        ModelInferResponse.newBuilder()
            .addOutputs(output("A", "UINT8", 1))
            .addOutputs(output("B", "UINT8", 1))
            .addRawOutputContents(ByteString.copyFrom(new byte[1]))
            .build();

    assertThatThrownBy(() -> InferResult.fromProto(response))
        .hasMessageContaining("2 outputs but 1 raw_output_contents");
  }

  @Test
  void readsTheFinalResponseFlag() {
    ModelInferResponse response =
        ModelInferResponse.newBuilder()
            .putParameters(
                InferResult.FINAL_RESPONSE_PARAMETER,
                InferParameter.newBuilder().setBoolParam(false).build())
            .build();

    InferResult result = InferResult.fromProto(response);

    assertThat(result.finalFlag()).contains(false);
    assertThat(result.isFinal()).isFalse();
    assertThat(result.isEmpty()).isTrue();
  }

  @Test
  void wrongTypedAccessorIsRefused() {
    OutputTensor tensor =
        new OutputTensor("X", Datatype.INT32, List.of(1L), ByteString.copyFrom(new byte[4]));

    assertThatThrownBy(tensor::asFp32).hasMessageContaining("X is INT32, not FP32");
  }

  private static ModelInferResponse.InferOutputTensor.Builder output(
      String name, String datatype, long... shape) {
    ModelInferResponse.InferOutputTensor.Builder tensor =
        ModelInferResponse.InferOutputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long dim : shape) {
      tensor.addShape(dim);
    }
    return tensor;
  }
}
