package org.imagingtriage.inference;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Classifies gRPC failures into the transient/permanent split. */
public final class TritonErrors {

  /**
   * Triton's rejection when a model's queue is at max_queue_size. It arrives as UNAVAILABLE on
   * ModelInfer, and as bare text (no status code) in a stream's error_message.
   */
  public static final String QUEUE_FULL_MESSAGE = "Exceeds maximum queue size";

  /** Cause chains are short; the bound only guards against a cycle. */
  private static final int MAX_CAUSE_DEPTH = 32;

  private TritonErrors() {}

  /** Classifies any failure of a call; non-gRPC failures are permanent (INTERNAL). */
  public static TritonException classify(String operation, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof TritonException tritonException) {
      return tritonException;
    }
    Status status = statusOf(cause);
    // gRPC cancels a call it could not send (request over the size limit, a message that failed
    // to serialise) with CANCELLED and the real reason as the cause: classify by the reason. A
    // reason that is no gRPC status is a fault on this side, which the same request would hit
    // again, so it is permanent; CANCELLED without a cause is the far end resetting.
    // An Error (out of memory while reading an answer, say) is no property of the request: it
    // stays CANCELLED, transient.
    if (status.getCode() == Status.Code.CANCELLED && status.getCause() != null
        && !(status.getCause() instanceof Error)) {
      Status reason = statusOf(status.getCause());
      if (reason.getCode() == Status.Code.UNKNOWN) {
        return new PermanentTritonException(
            Status.Code.CANCELLED, operation, nullToEmpty(status.getDescription()), cause);
      }
      status = reason;
    }
    return fromStatus(operation, status.getCode(), nullToEmpty(status.getDescription()), cause);
  }

  private static Status statusOf(Throwable failure) {
    if (failure instanceof StatusRuntimeException e) {
      return e.getStatus();
    }
    if (failure instanceof StatusException e) {
      return e.getStatus();
    }
    return Status.fromThrowable(failure);
  }

  /** Classifies a status code and the server's message. */
  public static TritonException fromStatus(
      String operation, Status.Code code, String message, Throwable cause) {
    if (isTransient(code, message)) {
      return new TransientTritonException(code, operation, message, cause);
    }
    return new PermanentTritonException(code, operation, message, cause);
  }

  /**
   * An error reported in a ModelStreamInferResponse: Triton sends only the text, so the code is
   * UNKNOWN and the text decides.
   */
  public static TritonException fromStreamError(String operation, String errorMessage) {
    return fromStatus(operation, Status.Code.UNKNOWN, errorMessage, null);
  }

  static boolean isTransient(Status.Code code, String message) {
    if (isQueueFull(message)) {
      return true;
    }
    return switch (code) {
      // RESOURCE_EXHAUSTED is also how gRPC reports a message over the size limit; resending
      // the same message cannot help, so that case is permanent.
      case RESOURCE_EXHAUSTED -> !isMessageSizeLimit(message);
      // CANCELLED without a reason of ours is the server or a proxy resetting the stream, as
      // when Triton restarts: the same request can succeed once it is back. A caller that
      // cancelled its own call does not look at the answer.
      case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, CANCELLED -> true;
      default -> false;
    };
  }

  static boolean isQueueFull(String message) {
    return message != null
        && message.toLowerCase(Locale.ROOT).contains(QUEUE_FULL_MESSAGE.toLowerCase(Locale.ROOT));
  }

  private static boolean isMessageSizeLimit(String message) {
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("exceeds maximum size") || lower.contains("message too large")
        || lower.contains("larger than max");
  }

  /**
   * Why the TLS handshake refused the connection, when credentials are why a call failed: a
   * certificate this side could not verify (unknown CA, another host name, expired), or a TLS
   * alert from the other side (client certificate required, bad certificate, unknown CA). gRPC
   * reports these as UNAVAILABLE, as it does a server that is restarting, so they classify as
   * transient; but they recur on every attempt until someone changes the TLS material, so a
   * caller that waits for Triton to come up can stop at once. A connection closed during the
   * handshake (a proxy while Triton restarts) is not a refusal.
   *
   * @return the TLS layer's own description (no secret: names, alerts, verification errors)
   */
  public static Optional<String> tlsRefusal(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
      if (cause instanceof CertificateException) {
        return Optional.of(nullToEmpty(cause.getMessage()));
      }
      if (cause instanceof SSLException && isAlert(cause.getMessage())) {
        return Optional.of(cause.getMessage());
      }
    }
    return Optional.empty();
  }

  /** OpenSSL/BoringSSL say {@code TLSV1_ALERT_CERTIFICATE_REQUIRED}; the JDK {@code Received fatal alert: ...}. */
  private static boolean isAlert(String message) {
    return message != null && message.toLowerCase(Locale.ROOT).contains("alert");
  }

  /** The failure inside any CompletionException or ExecutionException wrapping it. */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
