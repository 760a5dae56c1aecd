package org.imagingtriage.topology.feed.orthanc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.imagingtriage.topology.imaging.Sha256;

/**
 * Receives an answer body with bounded memory: hashes every byte, keeps the bytes only while
 * they stay within {@code keepLimit}, and gives up (cancelling the transfer) once the body passes
 * {@code maxBytes}. A DICOM file far larger than the inline limit is thus hashed, never held.
 *
 * <p>The caller waits on the body with a deadline and calls {@link #abandon()} when it expires,
 * which stops the transfer at the next chunk: Java's HTTP client has no read timeout of its own.
 */
final class BodyDigest implements BodySubscriber<ReceivedBody> {

    private final long keepLimit;
    private final long maxBytes;
    private final CompletableFuture<ReceivedBody> result = new CompletableFuture<>();
    private final MessageDigest sha256 = Sha256.newDigest();
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean abandoned;
    private Flow.Subscription subscription;
    private long size;

    /**
     * @param keepLimit keep the bytes of bodies up to this size; 0 keeps none
     * @param maxBytes refuse bodies larger than this
     */
    BodyDigest(long keepLimit, long maxBytes) {
        if (keepLimit < 0 || maxBytes < 1 || keepLimit > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("keepLimit must be 0.." + (Integer.MAX_VALUE - 8)
                    + " and maxBytes positive");
        }
        this.keepLimit = keepLimit;
        this.maxBytes = maxBytes;
    }

    /** Stops the transfer: the caller stopped waiting for it. */
    void abandon() {
        abandoned = true;
        result.completeExceptionally(new IOException("the answer was abandoned"));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (abandoned || result.isDone()) {
            subscription.cancel();
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int n = buffer.remaining();
            size += n;
            if (size > maxBytes) {
                subscription.cancel();
                kept = null;
                result.completeExceptionally(new BodyTooLargeException(maxBytes));
                return;
            }
            if (kept != null && size <= keepLimit) {
                byte[] chunk = new byte[n];
                buffer.duplicate().get(chunk);
                kept.write(chunk, 0, n);
            } else {
                kept = null;
            }
            sha256.update(buffer);
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        Optional<byte[]> bytes = kept == null ? Optional.empty() : Optional.of(kept.toByteArray());
        result.complete(new ReceivedBody(size, sha256.digest(), bytes));
    }

    @Override
    public CompletionStage<ReceivedBody> getBody() {
        return result;
    }

}
