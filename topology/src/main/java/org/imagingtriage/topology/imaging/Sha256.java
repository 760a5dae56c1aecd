package org.imagingtriage.topology.imaging;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, as the contracts use it (an {@code ImageRef}'s sha256, a draft's input hash): a fresh
 * digest for bytes that stream, or the lower-case hex of bytes at hand.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A new digest; not thread-safe, like every {@link MessageDigest}. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The digest of {@code bytes}, in lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }
}
