package org.imagingtriage.inference;

import io.grpc.Status;

/** A failure expected to pass: server unavailable or overloaded, queue full, deadline hit. */
public final class TransientTritonException extends TritonException {

  private static final long serialVersionUID = 1L;

  public TransientTritonException(
      Status.Code code, String operation, String serverMessage, Throwable cause) {
    super(code, operation, serverMessage, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
