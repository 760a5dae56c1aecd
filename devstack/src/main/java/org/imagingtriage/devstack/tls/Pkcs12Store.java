package org.imagingtriage.devstack.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS12 key or trust store on disk and the password that opens it, the form Kafka's
 * {@code ssl.keystore.*} and {@code ssl.truststore.*} settings take.
 *
 * @param file     the store; must be a readable file
 * @param password the store's password (for a PKCS12 store also its keys' password)
 */
public record Pkcs12Store(Path file, String password) {

    /** Kafka's {@code ssl.keystore.type} and {@code ssl.truststore.type} value for this store. */
    public static final String TYPE = "PKCS12";

    public Pkcs12Store {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(password, "password must not be null");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("PKCS12 store " + file + " is not a readable file");
        }
        if (password.isEmpty()) {
            // Kafka loads a PKCS12 store without a password, but then cannot read its keys.
            throw new IllegalArgumentException("the password of PKCS12 store " + file + " must not be empty");
        }
    }

    /** Never shows the password: configurations holding a store end up in logs. */
    @Override
    public String toString() {
        return "Pkcs12Store[file=" + file + ", password=(hidden)]";
    }
}
