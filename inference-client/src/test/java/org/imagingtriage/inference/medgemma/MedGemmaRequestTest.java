package org.imagingtriage.inference.medgemma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.imagingtriage.inference.Datatype;
import org.imagingtriage.inference.InferInput;
import org.imagingtriage.inference.InferResult;
import org.imagingtriage.inference.TritonClient;
import org.imagingtriage.inference.TritonClientConfig;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.testing.InProcessTriton;
import org.imagingtriage.inference.testing.ModelConfigs;
import org.imagingtriage.inference.testing.ScriptedTriton;
import org.junit.jupiter.api.Test;

class MedGemmaRequestTest {

  private final PromptCatalog catalog = PromptCatalog.loadDefault();

  @Test
  void buildsTheContractsTensorsForOneImage() {
    // given an urgent chest X-ray
    byte[] pixels = new byte[MedGemmaContract.IMAGE_BYTES];
    pixels[0] = 7;

    // when
    MedGemmaInput input =
        MedGemmaRequest.builder(catalog)
            .requestId("event-1")
            .pixels(pixels)
            .modality("DX")
            .bodyPart("CHEST")
            .priority(TriagePriority.URGENT)
            .queueTimeout(Duration.ofSeconds(30))
            .build();

    // then IMAGE, PROMPT and MAX_NEW_TOKENS carry the batch dimension first, in contract order
    assertThat(input.request().inputs())
        .extracting(InferInput::name, InferInput::datatype, InferInput::shape)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("IMAGE", Datatype.UINT8, java.util.List.of(1L, 896L, 896L, 3L)),
            org.assertj.core.groups.Tuple.tuple("PROMPT", Datatype.BYTES, java.util.List.of(1L, 1L)),
            org.assertj.core.groups.Tuple.tuple("MAX_NEW_TOKENS", Datatype.INT32, java.util.List.of(1L, 1L)));
    assertThat(input.request().modelName()).isEqualTo("medgemma-4b-it");
    assertThat(input.request().id()).isEqualTo("event-1");
    assertThat(input.request().priority()).isEqualTo(1);
    assertThat(input.request().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(input.request().requestedOutputs()).containsExactly("DRAFT");
    assertThat(input.prompt().promptId()).isEqualTo("cxr-v1");
    assertThat(input.generation().maxNewTokens()).isEqualTo(512);
    assertThat(input.inputSha256()).hasSize(64);
  }

  @Test
  void routineAndStatMapToTritonLevels() {
    assertThat(TriagePriority.ROUTINE.tritonLevel()).isEqualTo(2);
    assertThat(TriagePriority.STAT.tritonLevel()).isEqualTo(1);
    assertThat(TriagePriority.URGENT.tritonLevel()).isEqualTo(1);
  }

  @Test
  void theServerReceivesThePromptTextAndTokenBudget() throws Exception {
    // given a server serving the contract that echoes its inputs
    ScriptedTriton triton = new ScriptedTriton(ModelConfigs.medgemma());
    try (InProcessTriton server = new InProcessTriton(triton)) {
      TritonClient client = new TritonClient(server.channel(), TritonClientConfig.defaults());
      client.bind(MedGemmaContract.expectation());
      MedGemmaInput input =
          MedGemmaRequest.builder(catalog)
              .pixels(new byte[MedGemmaContract.IMAGE_BYTES])
              .modality("CT")
              .bodyPart(null)
              .build();

      // when
      InferResult echoed = client.infer(input.request()).get(10, TimeUnit.SECONDS);

      // then
      assertThat(echoed.output("PROMPT").asString()).isEqualTo(catalog.byId("ct-v1").text());
      assertThat(echoed.output("MAX_NEW_TOKENS").asInt32()).containsExactly(512);
      ModelInferRequest received = triton.inferRequests().get(0);
      assertThat(received.getParametersMap().get("priority").getInt64Param()).isEqualTo(2);
      assertThat(received.getRawInputContents(0).size()).isEqualTo(MedGemmaContract.IMAGE_BYTES);
    }
  }

  @Test
  void theImageMustBe896By896Rgb() {
    MedGemmaRequest builder = MedGemmaRequest.builder(catalog).pixels(new byte[512 * 512 * 3]).modality("DX");

    assertThatThrownBy(builder::build)
        .hasMessageContaining("pixels must be 896x896x3 = 2408448 bytes, got 786432");
  }

  @Test
  void aModalityIsRequired() {
    MedGemmaRequest builder =
        MedGemmaRequest.builder(catalog).pixels(new byte[MedGemmaContract.IMAGE_BYTES]);

    assertThatThrownBy(builder::build).hasMessageContaining("modality is required");
  }
}
