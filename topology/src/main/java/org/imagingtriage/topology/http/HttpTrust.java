package org.imagingtriage.topology.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} that trusts the certificates of a PEM bundle (a research PACS's own CA)
 * instead of the JVM's default trust store. Host names are still verified.
 */
public final class HttpTrust {

    /** A PEM bundle larger than this is not a CA file. */
    private static final long MAX_BUNDLE_BYTES = 1024L * 1024;

    private HttpTrust() {
    }

    public static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        if (Files.size(caFile) > MAX_BUNDLE_BYTES) {
            throw new GeneralSecurityException("the CA bundle is larger than " + MAX_BUNDLE_BYTES + " bytes");
        }
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("the CA bundle holds no certificate");
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            trusted.setCertificateEntry("ca-" + index++, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
