package org.imagingtriage.inference;

/** How a model answers, which decides the RPC the client must use. */
public enum ModelTransaction {
  /** One response per request: ModelInfer. */
  UNARY,
  /** Zero or more responses per request (model_transaction_policy.decoupled): ModelStreamInfer. */
  DECOUPLED
}
