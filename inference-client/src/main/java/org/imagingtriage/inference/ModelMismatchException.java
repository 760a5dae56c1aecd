package org.imagingtriage.inference;

import java.util.List;

/**
 * The server's model differs from what the client will send or needs. Raised at start-up so
 * the pipeline never runs against the wrong model; every difference is listed.
 */
public final class ModelMismatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> mismatches;

  public ModelMismatchException(List<String> mismatches) {
    super(String.join("; ", mismatches));
    this.mismatches = List.copyOf(mismatches);
  }

  public List<String> mismatches() {
    return mismatches;
  }
}
