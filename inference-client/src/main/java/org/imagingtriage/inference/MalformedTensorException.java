package org.imagingtriage.inference;

/**
 * Tensor data that does not match its declared type and shape: a protocol violation by the
 * peer, never retried.
 */
public final class MalformedTensorException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String tensorName;

  public MalformedTensorException(String tensorName, String problem) {
    super("tensor " + tensorName + ": " + problem);
    this.tensorName = tensorName;
  }

  public String tensorName() {
    return tensorName;
  }
}
