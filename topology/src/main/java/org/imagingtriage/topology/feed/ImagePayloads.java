package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.topology.imaging.Sha256;

/**
 * Reads an image for its event, with bounded memory: inline images (at most the inline limit)
 * are read whole; referenced ones are only streamed through SHA-256, 64 KiB at a time, however
 * large. Either way exactly the scanned size is read, plus one byte to prove there is no more.
 */
public final class ImagePayloads {

    private static final int BUFFER_BYTES = 64 * 1024;

    private ImagePayloads() {
    }

    /** The {@code InlineImage} or {@code ImageRef} the plan chose for this image. */
    public static Object read(PlannedImage planned) throws IOException {
        return switch (planned.payloadKind()) {
            case INLINE -> inline(planned.image());
            case REFERENCE -> reference(planned.image());
            case TOO_LARGE -> throw new IllegalArgumentException("an image too large to send has no payload");
        };
    }

    /** The file's bytes; its scanned size is at most the inline limit, so it fits in memory. */
    public static InlineImage inline(FolderImage image) throws IOException {
        if (image.sizeBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an inline image must fit in one array");
        }
        int size = (int) image.sizeBytes();
        try (InputStream in = Files.newInputStream(image.path())) {
            byte[] bytes = in.readNBytes(size);
            if (bytes.length < size) {
                throw new FileChangedException(size, bytes.length + " bytes");
            }
            if (in.read() >= 0) {
                throw new FileChangedException(size, "more bytes");
            }
            return new InlineImage(ByteBuffer.wrap(bytes));
        }
    }

    /** A {@code file://} reference with the file's SHA-256 and size, streamed rather than loaded. */
    public static ImageRef reference(FolderImage image) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long read = 0;
        try (InputStream in = Files.newInputStream(image.path())) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                read += n;
                if (read > image.sizeBytes()) {
                    // A file still being written: stop rather than hash an unbounded stream.
                    throw new FileChangedException(image.sizeBytes(), "more bytes");
                }
                sha256.update(buffer, 0, n);
            }
        }
        if (read != image.sizeBytes()) {
            throw new FileChangedException(image.sizeBytes(), read + " bytes");
        }
        return new ImageRef(uriOf(image), HexFormat.of().formatHex(sha256.digest()), read);
    }

    /** {@code file:///absolute/normalised/path}, percent-encoded where a URI needs it. */
    public static String uriOf(FolderImage image) {
        return image.path().toAbsolutePath().normalize().toUri().toString();
    }

}
