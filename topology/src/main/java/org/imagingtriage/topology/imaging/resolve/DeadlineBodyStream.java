package org.imagingtriage.topology.imaging.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP response body read as a stream, under a deadline and a byte cap.
 *
 * <p>{@link java.net.http.HttpClient}'s request timeout ends when the headers arrive; a server
 * that then stalls mid-body would block {@code BodySubscribers.ofInputStream()}'s reader forever,
 * and with it a stream thread. Here every read waits at most until the deadline fixed for the
 * whole exchange, then cancels the subscription and fails with {@link HttpTimeoutException}.
 *
 * <p>Demand is one buffer list at a time, asked for only when the reader has used up the last:
 * the client holds at most one chunk beyond what the reader took, however large the body. The
 * reader (the resolver) takes at most its declared size + 1 bytes; the cap is a second fence for
 * any other reader. Closing cancels the exchange, so an unread rest is never downloaded.
 *
 * <p>One thread reads; the client's threads deliver. {@link #close()} may come from either side
 * and before the subscription exists: a late subscription is then cancelled at once.
 */
final class DeadlineBodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** Queued after the last buffer. */
    private static final Object END = new Object();

    private final long deadlineNanos;
    private final long maxBytes;
    private final BlockingQueue<Object> delivered = new LinkedBlockingQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile boolean closed;

    // The reading thread's own state.
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer buffer;
    private boolean ended;
    private long read;

    /**
     * @param deadlineNanos on the {@link System#nanoTime()} scale
     * @param maxBytes reading beyond this many bytes fails (and cancels)
     */
    DeadlineBodyStream(long deadlineNanos, long maxBytes) {
        this.deadlineNanos = deadlineNanos;
        this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        // The response completes on its headers; the body is pulled through this stream.
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        Objects.requireNonNull(given, "subscription");
        if (!subscription.compareAndSet(null, given) || closed) {
            given.cancel();
            return;
        }
        given.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        delivered.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        delivered.add(failure);
    }

    @Override
    public void onComplete() {
        delivered.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (!nextBuffer()) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        if (read + n > maxBytes) {
            close();
            throw new IOException("the body is longer than the " + maxBytes + "-byte cap");
        }
        buffer.get(into, offset, n);
        read += n;
        return n;
    }

    /** Makes {@link #buffer} one with bytes left; false at the end of the body. */
    private boolean nextBuffer() throws IOException {
        while (buffer == null || !buffer.hasRemaining()) {
            if (closed) {
                throw new IOException("the body stream is closed");
            }
            if (ended) {
                return false;
            }
            if (buffers != null && buffers.hasNext()) {
                buffer = buffers.next();
                continue;
            }
            if (buffers != null) {
                buffers = null;
                Flow.Subscription current = subscription.get();
                if (current != null) {
                    current.request(1);
                }
            }
            take();
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void take() throws IOException {
        Object item = awaitDelivery();
        if (item == END) {
            ended = true;
        } else if (item instanceof Throwable failure) {
            close();
            throw failure instanceof IOException io ? io
                    : new IOException("the body failed (" + failure.getClass().getSimpleName() + ")");
        } else {
            buffers = ((List<ByteBuffer>) item).iterator();
        }
    }

    private Object awaitDelivery() throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        Object item;
        try {
            item = remaining > 0 ? delivered.poll(remaining, TimeUnit.NANOSECONDS) : delivered.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while waiting for the body");
        }
        if (item == null) {
            close();
            throw new HttpTimeoutException("the body did not arrive before the deadline");
        }
        return item;
    }

    /** Cancels the exchange; what was not read is dropped and never downloaded. */
    @Override
    public void close() {
        closed = true;
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
        }
        delivered.clear();
        buffers = null;
        buffer = null;
    }
}
