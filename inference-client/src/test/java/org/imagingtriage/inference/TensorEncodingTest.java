package org.imagingtriage.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.junit.jupiter.api.Test;

class TensorEncodingTest {

  @Test
  void bytesElementsHaveLittleEndianLengthPrefixes() {
    // given two strings, one with a two-byte UTF-8 character
    // when they are encoded as a BYTES tensor
    InferInput input = InferInput.strings("PROMPT", List.of(2L), List.of("a", "hé"));

    // then each element is a 4-byte little-endian length followed by its bytes
    assertThat(input.rawContents().toByteArray())
        .containsExactly(
            0x01, 0x00, 0x00, 0x00, 'a',
            0x03, 0x00, 0x00, 0x00, 'h', 0xC3, 0xA9);
  }

  @Test
  void bytesLengthAbove255UsesTheHigherPrefixBytes() {
    // given an element of 0x0102 = 258 bytes
    byte[] element = new byte[258];

    // when it is encoded
    byte[] raw = InferInput.bytes("B", List.of(1L), List.of(element)).rawContents().toByteArray();

    // then the low byte comes first
    assertThat(raw).startsWith(0x02, 0x01, 0x00, 0x00).hasSize(4 + 258);
  }

  @Test
  void numericTensorsAreLittleEndianRowMajor() {
    // given
    InferInput ints = InferInput.int32("I", List.of(1L, 2L), 1, -2);
    InferInput floats = InferInput.fp32("F", List.of(1L), 1.0f);
    InferInput longs = InferInput.int64("L", List.of(1L), 0x0102030405060708L);

    // then
    assertThat(ints.rawContents().toByteArray())
        .containsExactly(0x01, 0x00, 0x00, 0x00, 0xFE, 0xFF, 0xFF, 0xFF);
    assertThat(floats.rawContents().toByteArray()).containsExactly(0x00, 0x00, 0x80, 0x3F);
    assertThat(longs.rawContents().toByteArray())
        .containsExactly(0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01);
  }

  @Test
  void requestCarriesRawContentsInInputOrderAndNoTypedContents() {
    // given a request with three inputs of different types
    InferRequest request =
        InferRequest.builder("m")
            .id("req-1")
            .input(InferInput.uint8("IMAGE", List.of(1L, 2L), new byte[] {7, 8}))
            .input(InferInput.strings("PROMPT", List.of(1L, 1L), List.of("x")))
            .input(InferInput.int32("MAX_NEW_TOKENS", List.of(1L, 1L), 5))
            .requestOutput("DRAFT")
            .build();

    // when it becomes the wire message
    ModelInferRequest proto = request.toProto();

    // then raw_input_contents has one entry per input, in the same order, and contents is unset
    assertThat(proto.getInputsList())
        .extracting(ModelInferRequest.InferInputTensor::getName)
        .containsExactly("IMAGE", "PROMPT", "MAX_NEW_TOKENS");
    assertThat(proto.getInputsList()).allMatch(input -> !input.hasContents());
    assertThat(proto.getRawInputContentsList())
        .containsExactly(
            request.inputs().get(0).rawContents(),
            request.inputs().get(1).rawContents(),
            request.inputs().get(2).rawContents());
    assertThat(proto.getInputs(1).getDatatype()).isEqualTo("BYTES");
    assertThat(proto.getInputs(0).getShapeList()).containsExactly(1L, 2L);
    assertThat(proto.getOutputsList()).extracting(o -> o.getName()).containsExactly("DRAFT");
    assertThat(proto.getId()).isEqualTo("req-1");
  }

  @Test
  void priorityAndTimeoutAreInt64RequestParameters() {
    // given
    InferRequest request =
        InferRequest.builder("m")
            .priority(1)
            .timeout(Duration.ofMillis(1500))
            .input(InferInput.uint8("X", List.of(1L), new byte[] {1}))
            .build();

    // when
    ModelInferRequest proto = request.toProto();

    // then priority is the level and timeout is in microseconds
    assertThat(proto.getParametersMap().get("priority"))
        .isEqualTo(InferParameter.newBuilder().setInt64Param(1).build());
    assertThat(proto.getParametersMap().get("timeout"))
        .isEqualTo(InferParameter.newBuilder().setInt64Param(1_500_000).build());
  }

  @Test
  void defaultPrioritySendsNoParameterAndIdDefaultsToAUuid() {
    // given
    InferRequest request =
        InferRequest.builder("m").input(InferInput.uint8("X", List.of(1L), new byte[] {1})).build();

    // then
    assertThat(request.toProto().getParametersMap()).isEmpty();
    assertThat(request.id()).hasSize(36);
  }

  @Test
  void shapeAndDataMustAgree() {
    assertThatThrownBy(() -> InferInput.uint8("IMAGE", List.of(2L, 2L), new byte[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IMAGE")
        .hasMessageContaining("needs 4 bytes, got 3");
    assertThatThrownBy(() -> InferInput.strings("P", List.of(2L), List.of("one")))
        .hasMessageContaining("needs 2 BYTES elements, got 1");
    assertThatThrownBy(() -> InferInput.uint8("X", List.of(-1L), new byte[0]))
        .hasMessageContaining("not concrete");
  }

  @Test
  void duplicateInputNamesAreRefused() {
    InferRequest.Builder builder =
        InferRequest.builder("m")
            .input(InferInput.uint8("X", List.of(1L), new byte[] {1}))
            .input(InferInput.uint8("X", List.of(1L), new byte[] {2}));

    assertThatThrownBy(builder::build).hasMessageContaining("input X is given twice");
  }
}
