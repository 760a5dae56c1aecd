package org.imagingtriage.devstack.triton;

import java.util.ArrayDeque;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferRequest;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ModelStreamInfer call, with Triton's stream semantics (server
 * src/grpc/stream_infer_handler.cc):
 * <ul>
 *   <li>a failed request does not end the stream: its error comes back as {@code error_message}
 *       with the request id, and the stream stays open;</li>
 *   <li>responses of a non-decoupled model come back in request order, one per request;</li>
 *   <li>responses of a decoupled model are written as they are produced, any number per request;</li>
 *   <li>every response carries the bool parameter {@code triton_final_response}, true on the
 *       last one of its request; a decoupled model's bare final flag becomes an empty response
 *       only for requests with {@code triton_enable_empty_final_response} true;</li>
 *   <li>after the client half-closes, the server completes the stream once every request is done.</li>
 * </ul>
 * Writes happen under one lock: a gRPC stream accepts one writer at a time.
 */
final class StreamSession implements StreamObserver<ModelInferRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);

    private final ServerCallStreamObserver<ModelStreamInferResponse> out;
    private final InferenceGateway gateway;
    private final FaultInjector faults;
    private final Object lock = new Object();
    /** Non-decoupled requests in arrival order, waiting for their turn to be written. */
    private final ArrayDeque<Slot> ordered = new ArrayDeque<>();
    private int inFlight;
    private boolean clientHalfClosed;
    private boolean finished;
    private volatile boolean clientGone;

    StreamSession(StreamObserver<ModelStreamInferResponse> out, InferenceGateway gateway, FaultInjector faults) {
        this.out = (ServerCallStreamObserver<ModelStreamInferResponse>) out;
        this.gateway = gateway;
        this.faults = faults;
        this.out.setOnCancelHandler(() -> clientGone = true);
    }

    @Override
    public void onNext(ModelInferRequest request) {
        if (faults.isUnavailable()) {
            endWithError(Status.UNAVAILABLE.withDescription(FaultInjector.UNAVAILABLE_MESSAGE));
            return;
        }
        Slot slot = new Slot(request, gateway.isDecoupled(request));
        synchronized (lock) {
            if (finished) {
                return;
            }
            inFlight++;
            if (!slot.decoupled) {
                ordered.addLast(slot);
            }
        }
        try {
            gateway.infer(request, true, slot);
        } catch (TritonError e) {
            slot.refused(e);
        } catch (RuntimeException e) {
            LOG.error("Stream request '{}' failed unexpectedly", request.getId(), e);
            slot.refused(TritonError.internal("simulator error: " + e.getMessage()));
        }
    }

    @Override
    public void onError(Throwable t) {
        clientGone = true;
        synchronized (lock) {
            finished = true;
        }
    }

    @Override
    public void onCompleted() {
        synchronized (lock) {
            clientHalfClosed = true;
            completeIfIdle();
        }
    }

    private void endWithError(Status status) {
        synchronized (lock) {
            if (!finished) {
                finished = true;
                out.onError(status.asRuntimeException());
            }
        }
    }

    /** Caller holds the lock. */
    private void completeIfIdle() {
        if (clientHalfClosed && inFlight == 0 && !finished) {
            finished = true;
            out.onCompleted();
        }
    }

    /** Caller holds the lock. */
    private void write(ModelStreamInferResponse response) {
        if (!finished && !clientGone) {
            out.onNext(response);
        }
    }

    /** Caller holds the lock: writes the ready head of the ordered queue. */
    private void flushOrdered() {
        while (!ordered.isEmpty() && ordered.peekFirst().ready != null) {
            Slot slot = ordered.pollFirst();
            write(slot.ready);
            inFlight--;
        }
        completeIfIdle();
    }

    /** The responses of one request on this stream. */
    private final class Slot implements ResponseSink {
        private final ModelInferRequest request;
        private final boolean decoupled;
        private final boolean emptyFinalResponse;
        private ModelStreamInferResponse ready;
        private boolean done;

        Slot(ModelInferRequest request, boolean decoupled) {
            this.request = request;
            this.decoupled = decoupled;
            InferParameter flag = request.getParametersMap().get(RequestParameters.ENABLE_EMPTY_FINAL_RESPONSE);
            this.emptyFinalResponse = flag != null && flag.getBoolParam();
        }

        @Override
        public void respond(ModelInferResponse response, boolean isFinal) {
            deliver(ModelStreamInferResponse.newBuilder().setInferResponse(withFinalFlag(response, isFinal)).build(),
                    isFinal);
        }

        @Override
        public void completeWithoutResponse() {
            ModelStreamInferResponse empty = emptyFinalResponse
                    ? ModelStreamInferResponse.newBuilder().setInferResponse(withFinalFlag(ModelInferResponse.newBuilder()
                            .setId(request.getId())
                            .setModelName(request.getModelName())
                            .setModelVersion(request.getModelVersion())
                            .build(), true)).build()
                    : null;
            deliver(empty, true);
        }

        @Override
        public void fail(TritonError error) {
            // Failed in execution: Triton fills in the request's identity and the final flag.
            ModelInferResponse identity = ModelInferResponse.newBuilder()
                    .setId(request.getId())
                    .setModelName(request.getModelName())
                    .setModelVersion(request.getModelVersion())
                    .build();
            deliver(ModelStreamInferResponse.newBuilder()
                    .setErrorMessage(error.getMessage())
                    .setInferResponse(withFinalFlag(identity, true))
                    .build(), true);
        }

        /** Refused before it was queued: only the id comes back, as in Triton. */
        void refused(TritonError error) {
            deliver(ModelStreamInferResponse.newBuilder()
                    .setErrorMessage(error.getMessage())
                    .setInferResponse(ModelInferResponse.newBuilder().setId(request.getId()))
                    .build(), true);
        }

        @Override
        public boolean isCancelled() {
            return clientGone;
        }

        /** @param message null for a final flag that reaches the client as nothing */
        private void deliver(ModelStreamInferResponse message, boolean last) {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = last;
                if (decoupled) {
                    if (message != null) {
                        write(message);
                    }
                    if (last) {
                        inFlight--;
                        completeIfIdle();
                    }
                } else {
                    ready = message;
                    flushOrdered();
                }
            }
        }

        private ModelInferResponse withFinalFlag(ModelInferResponse response, boolean isFinal) {
            return response.toBuilder()
                    .putParameters(RequestParameters.FINAL_RESPONSE, InferParameter.newBuilder().setBoolParam(isFinal).build())
                    .build();
        }
    }
}
