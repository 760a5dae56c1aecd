package org.imagingtriage.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.imagingtriage.inference.medgemma.MedGemmaContract;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.testing.InProcessTriton;
import org.imagingtriage.inference.testing.ModelConfigs;
import org.imagingtriage.inference.testing.ScriptedTriton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelBindingTest {

  private ScriptedTriton triton;
  private InProcessTriton server;
  private TritonClient client;

  @BeforeEach
  void start() {
    triton = new ScriptedTriton(ModelConfigs.medgemma());
    server = new InProcessTriton(triton);
    client = new TritonClient(server.channel(), TritonClientConfig.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theContractBindsToAServerServingTheContract() {
    // when
    ModelBinding binding = client.bind(MedGemmaContract.expectation());

    // then
    assertThat(binding.modelName()).isEqualTo("medgemma-4b-it");
    assertThat(binding.maxBatchSize()).isEqualTo(8);
    assertThat(binding.transaction()).isEqualTo(ModelTransaction.UNARY);
    assertThat(binding.versions()).containsExactly("1");
    assertThat(binding.config().getDynamicBatching().getPriorityLevels()).isEqualTo(2);
  }

  @Test
  void aWrongImageShapeIsNamedWithBothSides() {
    // given a client that would send 512x512 images
    ModelExpectation expectation =
        expectationWithInputs(
            TensorSpec.of("IMAGE", Datatype.UINT8, 512, 512, 3),
            TensorSpec.of("PROMPT", Datatype.BYTES, 1));

    // then
    assertThatThrownBy(() -> client.bind(expectation))
        .isInstanceOf(ModelMismatchException.class)
        .hasMessage(
            "model medgemma-4b-it input IMAGE: server expects UINT8 [896,896,3], client sends"
                + " UINT8 [512,512,3]");
  }

  @Test
  void everyMismatchIsListed() {
    // given a client with a wrong type, an unknown input, a missing required input and an
    // unknown output
    ModelExpectation expectation =
        new ModelExpectation(
            "medgemma-4b-it",
            "",
            List.of(
                TensorSpec.of("IMAGE", Datatype.FP32, 896, 896, 3),
                TensorSpec.of("SEED", Datatype.INT64, 1)),
            List.of(TensorSpec.of("SCORE", Datatype.FP32, 1)),
            1,
            ModelTransaction.UNARY);

    // when
    ModelMismatchException mismatch =
        (ModelMismatchException) catchThrowable(() -> client.bind(expectation));

    // then
    assertThat(mismatch.mismatches())
        .containsExactly(
            "model medgemma-4b-it input IMAGE: server expects UINT8 [896,896,3], client sends"
                + " FP32 [896,896,3]",
            "model medgemma-4b-it input SEED: server has no such input (it has [IMAGE, PROMPT,"
                + " MAX_NEW_TOKENS])",
            "model medgemma-4b-it input PROMPT: server requires it, client does not send it",
            "model medgemma-4b-it output SCORE: server has no such output (it has [DRAFT])");
  }

  @Test
  void serverWildcardDimensionsAcceptAnySize() {
    // given a server whose image height and width vary
    triton.setConfig(
        ModelConfigs.medgemma().toBuilder()
            .setInput(0, ModelConfigs.medgemma().getInput(0).toBuilder()
                .clearDims().addDims(-1).addDims(-1).addDims(3))
            .build());

    // then the contract's 896x896x3 binds
    assertThat(client.bind(MedGemmaContract.expectation()).modelName())
        .isEqualTo("medgemma-4b-it");
  }

  @Test
  void batchSizeOptionalityAndTransactionAreChecked() {
    // given a decoupled server without batching that requires MAX_NEW_TOKENS
    ModelConfig medgemma = ModelConfigs.medgemma();
    triton.setConfig(
        medgemma.toBuilder()
            .setMaxBatchSize(0)
            .setInput(2, medgemma.getInput(2).toBuilder().setOptional(false))
            .setModelTransactionPolicy(
                medgemma.getModelTransactionPolicy().toBuilder().setDecoupled(true))
            .build());

    // when
    ModelMismatchException mismatch =
        (ModelMismatchException) catchThrowable(() -> client.bind(MedGemmaContract.expectation()));

    // then
    assertThat(mismatch.mismatches())
        .containsExactly(
            "model medgemma-4b-it: server is DECOUPLED, client calls it as UNARY",
            "model medgemma-4b-it: server does not batch (max_batch_size 0), client sends batches"
                + " of up to 1",
            "model medgemma-4b-it input MAX_NEW_TOKENS: client may leave it out, but the server"
                + " requires it");
  }

  @Test
  void aBatchLargerThanTheServerAllowsIsAMismatch() {
    ModelExpectation expectation =
        new ModelExpectation("medgemma-4b-it", "",
            MedGemmaContract.expectation().inputs(), MedGemmaContract.expectation().outputs(),
            16, ModelTransaction.UNARY);

    assertThatThrownBy(() -> client.bind(expectation))
        .hasMessage("model medgemma-4b-it: server max_batch_size 8, client sends batches of up to 16");
  }

  @Test
  void anUnknownModelIsATritonExceptionNotAMismatch() {
    ModelExpectation expectation =
        new ModelExpectation("other", "", MedGemmaContract.expectation().inputs(), List.of(), 1,
            ModelTransaction.UNARY);

    assertThatThrownBy(() -> client.bind(expectation)).isInstanceOf(TritonException.class);
  }

  private static ModelExpectation expectationWithInputs(TensorSpec... inputs) {
    return new ModelExpectation(
        "medgemma-4b-it", "", List.of(inputs), List.of(TensorSpec.of("DRAFT", Datatype.BYTES, 1)),
        1, ModelTransaction.UNARY);
  }

  private static Throwable catchThrowable(Runnable runnable) {
    try {
      runnable.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing thrown");
  }
}
