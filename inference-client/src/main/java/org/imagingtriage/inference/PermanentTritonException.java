package org.imagingtriage.inference;

import io.grpc.Status;

/** A failure that retrying the same request cannot fix: bad input, unknown model, a bug. */
public final class PermanentTritonException extends TritonException {

  private static final long serialVersionUID = 1L;

  public PermanentTritonException(
      Status.Code code, String operation, String serverMessage, Throwable cause) {
    super(code, operation, serverMessage, cause);
  }

  @Override
  public boolean isTransient() {
    return false;
  }
}
