package org.imagingtriage.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the client will send to a model and what it needs back, checked against the server's
 * metadata and configuration at start-up by {@link TritonClient#bind(ModelExpectation)}.
 *
 * @param modelVersion empty for the server's choice
 * @param maxBatchSize the largest batch the client sends in one request; 0 if the client sends
 *     unbatched shapes (for a model with max_batch_size 0)
 */
public record ModelExpectation(
    String modelName,
    String modelVersion,
    List<TensorSpec> inputs,
    List<TensorSpec> outputs,
    int maxBatchSize,
    ModelTransaction transaction) {

  public ModelExpectation {
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("model name is empty");
    }
    Objects.requireNonNull(modelVersion, "modelVersion");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(transaction, "transaction");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("model " + modelName + ": no inputs expected");
    }
    if (maxBatchSize < 0) {
      throw new IllegalArgumentException("model " + modelName + ": maxBatchSize must be >= 0");
    }
    requireUniqueNames(modelName, "input", inputs);
    requireUniqueNames(modelName, "output", outputs);
  }

  private static void requireUniqueNames(String model, String kind, List<TensorSpec> specs) {
    Set<String> names = new HashSet<>();
    for (TensorSpec spec : specs) {
      if (!names.add(spec.name())) {
        throw new IllegalArgumentException(
            "model " + model + ": " + kind + " " + spec.name() + " listed twice");
      }
    }
  }
}
