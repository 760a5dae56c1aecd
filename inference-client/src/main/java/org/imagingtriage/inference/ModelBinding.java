package org.imagingtriage.inference;

import java.util.List;
import org.imagingtriage.inference.proto.ModelConfig;

/**
 * A model the server serves as the client expects, checked at start-up.
 *
 * @param versions the versions the server reports as loaded
 * @param maxBatchSize the server's max_batch_size
 * @param config the server's full configuration, for callers that need more (queue policy,
 *     priority levels)
 */
public record ModelBinding(
    ModelExpectation expectation,
    List<String> versions,
    String platform,
    int maxBatchSize,
    ModelTransaction transaction,
    ModelConfig config) {

  public ModelBinding {
    versions = List.copyOf(versions);
  }

  public String modelName() {
    return expectation.modelName();
  }
}
