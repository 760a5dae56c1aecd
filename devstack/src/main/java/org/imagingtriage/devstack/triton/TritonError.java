package org.imagingtriage.devstack.triton;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A failure the simulator reports to a client the way Triton would: a gRPC status code and
 * Triton's message text. Stack traces are not captured: these are expected outcomes of bad
 * requests and queue policy, not bugs.
 */
final class TritonError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Status.Code code;

    TritonError(Status.Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static TritonError invalidArgument(String message) {
        return new TritonError(Status.Code.INVALID_ARGUMENT, message);
    }

    static TritonError unavailable(String message) {
        return new TritonError(Status.Code.UNAVAILABLE, message);
    }

    static TritonError notFound(String message) {
        return new TritonError(Status.Code.NOT_FOUND, message);
    }

    static TritonError internal(String message) {
        return new TritonError(Status.Code.INTERNAL, message);
    }

    Status.Code code() {
        return code;
    }

    StatusRuntimeException toStatusException() {
        return code.toStatus().withDescription(getMessage()).asRuntimeException();
    }

    /**
     * The prefix Triton's core puts in front of request-level messages; an empty id is printed
     * as {@code <id_unknown>}.
     */
    static String requestPrefix(String requestId) {
        return "[request id: " + (requestId == null || requestId.isEmpty() ? "<id_unknown>" : requestId) + "] ";
    }
}
