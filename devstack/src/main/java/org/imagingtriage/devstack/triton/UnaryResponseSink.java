package org.imagingtriage.devstack.triton;

import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.imagingtriage.inference.proto.ModelInferResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one response (or error) of a ModelInfer call. */
final class UnaryResponseSink implements ResponseSink {

    private static final Logger LOG = LoggerFactory.getLogger(UnaryResponseSink.class);

    private final ServerCallStreamObserver<ModelInferResponse> observer;
    private final AtomicBoolean done = new AtomicBoolean();

    UnaryResponseSink(StreamObserver<ModelInferResponse> observer) {
        this.observer = (ServerCallStreamObserver<ModelInferResponse>) observer;
        // With a handler set, writing to a call the client cancelled is ignored instead of throwing.
        this.observer.setOnCancelHandler(() -> LOG.debug("A ModelInfer call was cancelled by its client"));
    }

    @Override
    public void respond(ModelInferResponse response, boolean isFinal) {
        if (done.compareAndSet(false, true)) {
            observer.onNext(response);
            observer.onCompleted();
        }
    }

    @Override
    public void completeWithoutResponse() {
        fail(new TritonError(Status.Code.INTERNAL, "the model sent no response"));
    }

    @Override
    public void fail(TritonError error) {
        if (done.compareAndSet(false, true)) {
            observer.onError(error.toStatusException());
        }
    }

    @Override
    public boolean isCancelled() {
        return observer.isCancelled();
    }
}
