package org.imagingtriage.inference.medgemma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How MedGemma generates a draft.
 *
 * @param maxNewTokens sent as the MAX_NEW_TOKENS input
 * @param greedy recorded for provenance. The model contract has no sampling inputs and
 *     model.py decodes greedily (reproducible drafts), so only {@code true} is accepted
 */
public record GenerationParameters(int maxNewTokens, boolean greedy) {

  /** Far above any useful draft; stops a config typo from tying up the GPU. */
  public static final int MAX_NEW_TOKENS_LIMIT = 4096;

  @JsonCreator
  public GenerationParameters(
      @JsonProperty(value = "maxNewTokens", required = true) int maxNewTokens,
      @JsonProperty(value = "greedy", required = true) boolean greedy) {
    if (maxNewTokens < 1 || maxNewTokens > MAX_NEW_TOKENS_LIMIT) {
      throw new IllegalArgumentException(
          "maxNewTokens must be 1.." + MAX_NEW_TOKENS_LIMIT + ", got " + maxNewTokens);
    }
    if (!greedy) {
      throw new IllegalArgumentException(
          "greedy must be true: the medgemma-4b-it contract has no sampling parameters");
    }
    this.maxNewTokens = maxNewTokens;
    this.greedy = greedy;
  }
}
