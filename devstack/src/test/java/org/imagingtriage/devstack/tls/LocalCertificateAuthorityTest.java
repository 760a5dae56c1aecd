package org.imagingtriage.devstack.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCertificateAuthorityTest {

    @TempDir
    static Path directory;

    private static LocalCertificateAuthority authority;
    private static IssuedCertificate server;
    private static IssuedCertificate client;

    @BeforeAll
    static void issue() {
        authority = LocalCertificateAuthority.create(directory);
        server = authority.issueServerCertificate("broker");
        client = authority.issueClientCertificate("pipeline");
    }

    @Test
    void aServerCertificateNamesThisMachineAndChainsToTheAuthority() throws Exception {
        // given
        X509Certificate ca = certificates(authority.certificate()).get(0);

        // when
        List<X509Certificate> chain = certificates(server.certificateChain());

        // then
        assertThat(chain).hasSize(2);
        X509Certificate leaf = chain.get(0);
        leaf.verify(ca.getPublicKey());
        assertThat(chain.get(1)).isEqualTo(ca);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aClientCertificateIsForClientAuthentication() throws Exception {
        // when
        X509Certificate leaf = certificates(client.certificateChain()).get(0);

        // then
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=pipeline");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void thePemKeyIsPkcs8AndBelongsToTheCertificate() throws Exception {
        // given
        String pem = Files.readString(server.privateKey(), StandardCharsets.US_ASCII);
        X509Certificate leaf = certificates(server.certificateChain()).get(0);

        // when
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));

        // then: what the key signs, the certificate's public key verifies
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void theStoresHoldTheKeyWithItsChainAndTheAuthorityAlone() throws Exception {
        // when
        KeyStore keyStore = open(server.keyStore());
        KeyStore trustStore = open(authority.trustStore());

        // then
        String alias = keyStore.aliases().nextElement();
        assertThat(keyStore.isKeyEntry(alias)).isTrue();
        assertThat(keyStore.getCertificateChain(alias)).hasSize(2);
        assertThat(trustStore.size()).isEqualTo(1);
        String trusted = trustStore.aliases().nextElement();
        assertThat(trustStore.isCertificateEntry(trusted)).isTrue();
        assertThat(trustStore.getCertificate(trusted)).isEqualTo(certificates(authority.certificate()).get(0));
    }

    @Test
    void storesNeverShowTheirPassword() {
        assertThat(server.keyStore().toString()).contains("(hidden)").doesNotContain(server.keyStore().password());
    }

    @Test
    void namesAreFileNamesAndIssuedOnce() {
        assertThatThrownBy(() -> authority.issueServerCertificate("../broker"))
                .hasMessageContaining("lower-case letters, digits and dashes");
        assertThatThrownBy(() -> authority.issueServerCertificate("broker"))
                .hasMessageContaining("already issued");
    }

    private static List<X509Certificate> certificates(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static KeyStore open(Pkcs12Store store) throws Exception {
        try (InputStream in = Files.newInputStream(store.file())) {
            KeyStore keyStore = KeyStore.getInstance(Pkcs12Store.TYPE);
            keyStore.load(in, store.password().toCharArray());
            return keyStore;
        }
    }
}
