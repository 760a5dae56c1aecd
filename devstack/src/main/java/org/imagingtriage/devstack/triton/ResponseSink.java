package org.imagingtriage.devstack.triton;

import org.imagingtriage.inference.proto.ModelInferResponse;

/**
 * Where the responses of one request go: a unary call, or a slot on a stream. Exactly one of
 * {@link #fail}, a final {@link #respond} or {@link #completeWithoutResponse} ends a request.
 */
interface ResponseSink {

    /** @param isFinal true on the request's last response */
    void respond(ModelInferResponse response, boolean isFinal);

    /**
     * A decoupled model's bare "final" flag: no data. It reaches the client only as the empty
     * response a {@code triton_enable_empty_final_response} request asked for.
     */
    void completeWithoutResponse();

    void fail(TritonError error);

    /** True once the client gave up on the request: no one reads its responses any more. */
    boolean isCancelled();
}
