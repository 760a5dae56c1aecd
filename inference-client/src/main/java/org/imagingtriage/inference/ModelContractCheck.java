package org.imagingtriage.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelInput;
import org.imagingtriage.inference.proto.ModelMetadataResponse;
import org.imagingtriage.inference.proto.ModelMetadataResponse.TensorMetadata;

/**
 * Compares a {@link ModelExpectation} with what the server reports. Tensor names, types and
 * shapes come from ModelMetadata (the KServe v2 view every server offers); batching, optional
 * inputs and the transaction policy only exist in Triton's ModelConfig.
 */
final class ModelContractCheck {

  private ModelContractCheck() {}

  /** Every difference, each naming the model, the tensor and both sides. Empty when they agree. */
  static List<String> mismatches(
      ModelExpectation expected, ModelMetadataResponse metadata, ModelConfig config) {
    String model = expected.modelName();
    List<String> problems = new ArrayList<>();
    int serverBatch = config.getMaxBatchSize();

    ModelTransaction serverTransaction =
        config.getModelTransactionPolicy().getDecoupled()
            ? ModelTransaction.DECOUPLED
            : ModelTransaction.UNARY;
    if (serverTransaction != expected.transaction()) {
      problems.add(
          "model " + model + ": server is " + serverTransaction + ", client calls it as "
              + expected.transaction());
    }

    if (expected.maxBatchSize() > 0 && serverBatch == 0) {
      problems.add(
          "model " + model + ": server does not batch (max_batch_size 0), client sends batches"
              + " of up to " + expected.maxBatchSize());
    } else if (expected.maxBatchSize() == 0 && serverBatch > 0) {
      problems.add(
          "model " + model + ": server batches (max_batch_size " + serverBatch
              + "), client sends unbatched shapes");
    } else if (expected.maxBatchSize() > serverBatch) {
      problems.add(
          "model " + model + ": server max_batch_size " + serverBatch
              + ", client sends batches of up to " + expected.maxBatchSize());
    }

    Map<String, TensorMetadata> serverInputs = byName(metadata.getInputsList());
    Map<String, ModelInput> configInputs = new LinkedHashMap<>();
    config.getInputList().forEach(input -> configInputs.put(input.getName(), input));

    for (TensorSpec input : expected.inputs()) {
      TensorMetadata server = serverInputs.get(input.name());
      if (server == null) {
        problems.add(
            "model " + model + " input " + input.name() + ": server has no such input (it has "
                + serverInputs.keySet() + ")");
        continue;
      }
      String serverSide = describe(server, serverBatch);
      if (!agrees(server, serverBatch, input)) {
        problems.add(
            "model " + model + " input " + input.name() + ": server expects " + serverSide
                + ", client sends " + input.describe());
      }
      ModelInput configInput = configInputs.get(input.name());
      if (input.optional() && configInput != null && !configInput.getOptional()) {
        problems.add(
            "model " + model + " input " + input.name()
                + ": client may leave it out, but the server requires it");
      }
    }

    for (ModelInput configInput : config.getInputList()) {
      boolean sent = expected.inputs().stream().anyMatch(i -> i.name().equals(configInput.getName()));
      if (!sent && !configInput.getOptional()) {
        problems.add(
            "model " + model + " input " + configInput.getName()
                + ": server requires it, client does not send it");
      }
    }

    Map<String, TensorMetadata> serverOutputs = byName(metadata.getOutputsList());
    for (TensorSpec output : expected.outputs()) {
      TensorMetadata server = serverOutputs.get(output.name());
      if (server == null) {
        problems.add(
            "model " + model + " output " + output.name() + ": server has no such output (it has "
                + serverOutputs.keySet() + ")");
      } else if (!agrees(server, serverBatch, output)) {
        problems.add(
            "model " + model + " output " + output.name() + ": server produces "
                + describe(server, serverBatch) + ", client expects " + output.describe());
      }
    }
    return problems;
  }

  private static boolean agrees(TensorMetadata server, int serverBatch, TensorSpec client) {
    Datatype serverType;
    try {
      serverType = Datatype.fromWire(server.getDatatype());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return serverType == client.datatype()
        && TensorShape.compatible(dimsWithoutBatch(server, serverBatch), client.dims());
  }

  private static String describe(TensorMetadata server, int serverBatch) {
    return server.getDatatype() + " " + TensorShape.format(dimsWithoutBatch(server, serverBatch));
  }

  /**
   * Metadata shapes of a batching model start with the batch dimension (-1); model-config dims,
   * which expectations use, do not.
   */
  private static List<Long> dimsWithoutBatch(TensorMetadata server, int serverBatch) {
    List<Long> shape = server.getShapeList();
    if (serverBatch > 0 && !shape.isEmpty() && shape.get(0) == TensorShape.WILDCARD) {
      return shape.subList(1, shape.size());
    }
    return shape;
  }

  private static Map<String, TensorMetadata> byName(List<TensorMetadata> tensors) {
    Map<String, TensorMetadata> byName = new LinkedHashMap<>();
    tensors.forEach(tensor -> byName.put(tensor.getName(), tensor));
    return byName;
  }
}
