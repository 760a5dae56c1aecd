package org.imagingtriage.devstack.triton;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** Refuses every new call with UNAVAILABLE while a simulated outage window is open. */
final class UnavailableWindowInterceptor implements ServerInterceptor {

    private final FaultInjector faults;

    UnavailableWindowInterceptor(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (faults.isUnavailable()) {
            call.close(Status.UNAVAILABLE.withDescription(FaultInjector.UNAVAILABLE_MESSAGE), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
