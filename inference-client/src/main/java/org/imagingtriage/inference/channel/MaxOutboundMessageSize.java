package org.imagingtriage.inference.channel;

import com.google.protobuf.MessageLite;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Applies the configured outbound limit to every call (gRPC channels have no such setting,
 * only calls do), and checks protobuf requests against it before they are sent.
 *
 * <p>The check matters: when gRPC's own limit trips on a call whose connection is still being
 * set up, the call is not failed but left hanging until its deadline, which then looks like a
 * transient DEADLINE_EXCEEDED. Cancelling the call from here showed the same hang, rarely, under
 * load. So the real call is not started until its first message is known to fit: an oversized
 * first message closes the call at once with RESOURCE_EXHAUSTED (permanent) and never reaches
 * the transport. A later oversized message on a started stream cancels that stream.
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
    return new DeferredStartCall<>(
        next.newCall(method, callOptions.withMaxOutboundMessageSize(effective)), effective);
  }

  /** Starts the real call with its first message, once that message is known to fit. */
  private static final class DeferredStartCall<ReqT, RespT>
      extends ForwardingClientCall.SimpleForwardingClientCall<ReqT, RespT> {

    private final int limitBytes;
    private Listener<RespT> listener;
    private Metadata headers;
    private int pendingRequests;
    private boolean started;
    private boolean closedHere;

    DeferredStartCall(ClientCall<ReqT, RespT> delegate, int limitBytes) {
      super(delegate);
      this.limitBytes = limitBytes;
    }

    @Override
    public synchronized void start(Listener<RespT> responseListener, Metadata requestHeaders) {
      this.listener = responseListener;
      this.headers = requestHeaders;
    }

    @Override
    public synchronized void request(int numMessages) {
      if (started) {
        super.request(numMessages);
      } else {
        pendingRequests += numMessages;
      }
    }

    @Override
    public synchronized void sendMessage(ReqT message) {
      if (closedHere) {
        return;
      }
      Status tooLarge = sizeProblem(message);
      if (tooLarge != null) {
        if (started) {
          delegate().cancel("request too large", tooLarge.asRuntimeException());
        } else {
          closedHere = true;
          listener.onClose(tooLarge, new Metadata());
        }
        return;
      }
      startIfNeeded();
      super.sendMessage(message);
    }

    @Override
    public synchronized void halfClose() {
      if (closedHere) {
        return;
      }
      startIfNeeded();
      super.halfClose();
    }

    @Override
    public synchronized void cancel(String message, Throwable cause) {
      if (started) {
        super.cancel(message, cause);
      } else if (!closedHere && listener != null) {
        closedHere = true;
        listener.onClose(Status.CANCELLED.withDescription(message).withCause(cause), new Metadata());
      }
    }

    @Override
    public synchronized boolean isReady() {
      return started ? super.isReady() : !closedHere;
    }

    private void startIfNeeded() {
      if (!started) {
        started = true;
        super.start(listener, headers);
        if (pendingRequests > 0) {
          super.request(pendingRequests);
        }
      }
    }

    private Status sizeProblem(ReqT message) {
      if (message instanceof MessageLite protobuf) {
        int size = protobuf.getSerializedSize();
        if (size > limitBytes) {
          return Status.RESOURCE_EXHAUSTED.withDescription(
              "request of " + size + " bytes exceeds the outbound limit of " + limitBytes
                  + " bytes (message too large)");
        }
      }
      return null;
    }
  }
}
