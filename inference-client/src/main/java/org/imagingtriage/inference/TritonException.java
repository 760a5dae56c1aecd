package org.imagingtriage.inference;

import io.grpc.Status;

/**
 * A failed call to Triton, classified once so callers branch on the type, not on status codes:
 * {@link TransientTritonException} may succeed if retried later (back off, pause, do not
 * dead-letter); {@link PermanentTritonException} will fail again with the same input.
 */
public abstract sealed class TritonException extends RuntimeException
    permits TransientTritonException, PermanentTritonException {

  private static final long serialVersionUID = 1L;

  private final transient Status.Code code;
  private final String operation;
  private final String serverMessage;

  TritonException(Status.Code code, String operation, String serverMessage, Throwable cause) {
    super(operation + " failed: " + code + (serverMessage.isEmpty() ? "" : ": " + serverMessage),
        cause);
    this.code = code;
    this.operation = operation;
    this.serverMessage = serverMessage;
  }

  /** The gRPC status code; UNKNOWN for errors reported inside a stream, which carry none. */
  public Status.Code code() {
    return code;
  }

  /** What was being done, e.g. "ModelInfer medgemma-4b-it". */
  public String operation() {
    return operation;
  }

  /** The server's (or transport's) description, verbatim; may be empty. */
  public String serverMessage() {
    return serverMessage;
  }

  public abstract boolean isTransient();
}
