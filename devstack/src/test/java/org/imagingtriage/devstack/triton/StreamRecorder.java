package org.imagingtriage.devstack.triton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.stub.StreamObserver;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelStreamInferResponse;

/** Collects what a ModelStreamInfer call answers, in arrival order. */
final class StreamRecorder implements StreamObserver<ModelStreamInferResponse> {

    private final List<ModelStreamInferResponse> received = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private Throwable error;

    @Override
    public synchronized void onNext(ModelStreamInferResponse response) {
        received.add(response);
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            error = t;
        }
        closed.countDown();
    }

    @Override
    public void onCompleted() {
        closed.countDown();
    }

    /** Waits (bounded) for the server to end the stream. */
    StreamRecorder awaitClosed() throws InterruptedException {
        if (!closed.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the stream did not end within 30 s; received " + received());
        }
        return this;
    }

    synchronized List<ModelStreamInferResponse> received() {
        return List.copyOf(received);
    }

    synchronized List<ModelStreamInferResponse> forRequest(String id) {
        return received.stream().filter(response -> response.getInferResponse().getId().equals(id)).toList();
    }

    synchronized Throwable error() {
        return error;
    }

    synchronized int count() {
        return received.size();
    }

    static boolean finalFlag(ModelStreamInferResponse response) {
        InferParameter flag = response.getInferResponse().getParametersMap().get("triton_final_response");
        if (flag == null) {
            throw new AssertionError("response without triton_final_response: " + response);
        }
        return flag.getBoolParam();
    }
}
