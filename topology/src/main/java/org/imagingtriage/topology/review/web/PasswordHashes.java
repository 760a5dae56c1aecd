package org.imagingtriage.topology.review.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reviewer passwords as PBKDF2-HMAC-SHA256 hashes, written {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
 * (salt and hash in unpadded base64), the form a users file holds. Iterations follow OWASP's
 * current advice for this function; a stored hash keeps the count it was made with.
 */
public final class PasswordHashes {

    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Hashes with more are refused: a users file line must not make a login cost minutes. */
    private static final int MAX_ITERATIONS = 5_000_000;
    private static final int MIN_ITERATIONS = 100_000;

    private final SecureRandom random;

    public PasswordHashes(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new hash of {@code password} with a fresh salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /**
     * Whether {@code password} matches {@code stored}, compared in constant time.
     *
     * @throws IllegalArgumentException when {@code stored} is not a hash of this form
     */
    public static boolean matches(char[] password, String stored) {
        Parsed parsed = parse(stored);
        return MessageDigest.isEqual(parsed.hash, derive(password, parsed.salt, parsed.iterations));
    }

    /** Checks the form of a stored hash without a password (when a users file is loaded). */
    static void requireWellFormed(String stored) {
        parse(stored);
    }

    private static Parsed parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + "$ITERATIONS$SALT$HASH password hash");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS);
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < SALT_BYTES || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("the salt or hash has the wrong length");
            }
            return new Parsed(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or hash is not valid base64 of the right length");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }
}
