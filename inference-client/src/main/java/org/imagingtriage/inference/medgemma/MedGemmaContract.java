package org.imagingtriage.inference.medgemma;

import java.util.List;
import org.imagingtriage.inference.Datatype;
import org.imagingtriage.inference.ModelExpectation;
import org.imagingtriage.inference.ModelTransaction;
import org.imagingtriage.inference.TensorSpec;

/**
 * The medgemma-4b-it model contract shared with the model repository and the simulator:
 * tensor names, types and dims (without the batch dimension).
 */
public final class MedGemmaContract {

  public static final String MODEL_NAME = "medgemma-4b-it";

  public static final String IMAGE = "IMAGE";
  public static final String PROMPT = "PROMPT";
  public static final String MAX_NEW_TOKENS = "MAX_NEW_TOKENS";
  public static final String DRAFT = "DRAFT";

  /** Images arrive letterboxed to this square, RGB, row-major HWC. */
  public static final int IMAGE_SIDE = 896;
  public static final int CHANNELS = 3;
  public static final int IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE * CHANNELS;

  /** The model's max_batch_size; the client sends one image per request and lets Triton batch. */
  public static final int SERVER_MAX_BATCH_SIZE = 8;

  private MedGemmaContract() {}

  /** What the client sends to and needs from the unary model. */
  public static ModelExpectation expectation(String modelName, String modelVersion) {
    return new ModelExpectation(
        modelName,
        modelVersion,
        List.of(
            TensorSpec.of(IMAGE, Datatype.UINT8, IMAGE_SIDE, IMAGE_SIDE, CHANNELS),
            TensorSpec.of(PROMPT, Datatype.BYTES, 1),
            TensorSpec.optional(MAX_NEW_TOKENS, Datatype.INT32, 1)),
        List.of(TensorSpec.of(DRAFT, Datatype.BYTES, 1)),
        1,
        ModelTransaction.UNARY);
  }

  public static ModelExpectation expectation() {
    return expectation(MODEL_NAME, "");
  }
}
