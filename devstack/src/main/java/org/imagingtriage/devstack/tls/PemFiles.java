package org.imagingtriage.devstack.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;

/**
 * Writes certificates and keys as PEM (RFC 7468), the form gRPC's TLS credentials read: X.509
 * certificates as {@code CERTIFICATE} blocks, private keys as unencrypted PKCS#8
 * {@code PRIVATE KEY} blocks.
 */
final class PemFiles {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemFiles() {
    }

    static void writeCertificates(Path file, List<? extends Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (Certificate certificate : certificates) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode a certificate keytool made", e);
            }
        }
        write(file, pem.toString());
    }

    /** Owner-only where the file system allows it: the key is unencrypted. */
    static void writePrivateKey(Path file, PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalStateException("expected a PKCS#8 key but the key store returned " + key.getFormat());
        }
        write(file, block("PRIVATE KEY", key.getEncoded()));
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restrict " + file + " to its owner", e);
            }
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
