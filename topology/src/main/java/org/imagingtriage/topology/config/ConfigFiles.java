package org.imagingtriage.topology.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.imagingtriage.topology.http.HttpTrust;

/** The checks on files a configuration names, with the message every key gives. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static void requireReadable(Path file, String key) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TriageConfigException(key, key + " names a file that is missing or unreadable: " + file);
        }
    }

    /** A PEM bundle of CA certificates that a TLS client can trust, checked at loading rather than at first use. */
    static void requireCaBundle(Path file, String key) {
        requireReadable(file, key);
        try {
            HttpTrust.trusting(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new TriageConfigException(key, key + " is not a usable PEM CA bundle ("
                    + e.getClass().getSimpleName() + "): " + file);
        }
    }
}
