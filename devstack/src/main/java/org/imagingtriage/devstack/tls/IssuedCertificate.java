package org.imagingtriage.devstack.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate a {@link LocalCertificateAuthority} issued, in the two forms the project's
 * servers and clients read: PEM files (gRPC: Triton, the simulator, the pipeline's channel) and
 * a PKCS12 key store (Kafka).
 *
 * @param certificateChain PEM: the certificate, then the authority's
 * @param privateKey       PEM: the certificate's private key, unencrypted PKCS#8
 * @param keyStore         the same key and chain in a PKCS12 store
 */
public record IssuedCertificate(Path certificateChain, Path privateKey, Pkcs12Store keyStore) {

    public IssuedCertificate {
        Objects.requireNonNull(certificateChain, "certificateChain must not be null");
        Objects.requireNonNull(privateKey, "privateKey must not be null");
        Objects.requireNonNull(keyStore, "keyStore must not be null");
    }
}
