package org.imagingtriage.inference.channel;

import com.google.protobuf.MessageLite;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Applies the configured outbound limit to every call (gRPC channels have no such setting,
 * only calls do), and checks protobuf requests against it before they are sent.
 *
 * <p>The check matters: when gRPC's own limit trips on a call whose connection is still being
 * set up, the call is not failed but left hanging until its deadline, which then looks like a
 * transient DEADLINE_EXCEEDED. Here the call is cancelled at once with RESOURCE_EXHAUSTED as
 * the cause, which classifies as permanent.
 */
final class MaxOutboundMessageSize implements ClientInterceptor {

  private final int limitBytes;

  MaxOutboundMessageSize(int limitBytes) {
    this.limitBytes = limitBytes;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    Integer current = callOptions.getMaxOutboundMessageSize();
    int effective = current != null && current <= limitBytes ? current : limitBytes;
    ClientCall<ReqT, RespT> call =
        next.newCall(method, callOptions.withMaxOutboundMessageSize(effective));
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void sendMessage(ReqT message) {
        if (message instanceof MessageLite protobuf) {
          int size = protobuf.getSerializedSize();
          if (size > effective) {
            delegate()
                .cancel(
                    "request too large",
                    Status.RESOURCE_EXHAUSTED
                        .withDescription(
                            "request of " + size + " bytes exceeds the outbound limit of "
                                + effective + " bytes (message too large)")
                        .asRuntimeException());
            return;
          }
        }
        super.sendMessage(message);
      }
    };
  }
}
