package org.imagingtriage.devstack.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A throw-away certificate authority for TLS between devstack's servers and their clients: made
 * at run time in a directory of the caller's (a test's temporary directory), by the JDK's own
 * {@code keytool}, so no key material is checked in and nothing outside the JDK is needed. Its
 * certificates last two days and name only this machine.
 *
 * <pre>{@code
 * LocalCertificateAuthority ca = LocalCertificateAuthority.create(directory);
 * IssuedCertificate server = ca.issueServerCertificate("broker");          // localhost, 127.0.0.1
 * IssuedCertificate client = ca.issueClientCertificate("triage-pipeline"); // for mutual TLS
 * ca.certificate();   // PEM, what a gRPC client trusts
 * ca.trustStore();    // PKCS12, what a Kafka client trusts
 * }</pre>
 *
 * <p>One random password, never logged, opens every store it writes.
 */
public final class LocalCertificateAuthority {

    private static final String CA_ALIAS = "ca";
    private static final String LEAF_ALIAS = "certificate";
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String VALIDITY_DAYS = "2";
    /** The names a server certificate is valid for: every devstack server binds to loopback. */
    private static final String SERVER_NAMES = "san=dns:localhost,ip:127.0.0.1";

    private final Path directory;
    private final String password;
    private final Keytool keytool;
    private final Path caKeyStore;
    private final X509Certificate caCertificate;
    private final Path caPem;
    private final Pkcs12Store trustStore;

    private LocalCertificateAuthority(Path directory, String password) {
        this.directory = directory;
        this.password = password;
        this.keytool = new Keytool(password);
        this.caKeyStore = directory.resolve("ca.p12");
        keytool.run("-genkeypair", "-alias", CA_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=imaging-triage devstack CA", "-ext", "bc:c=ca:true", "-ext", "ku:c=keyCertSign,cRLSign",
                "-validity", VALIDITY_DAYS, "-storetype", Pkcs12Store.TYPE, "-keystore", caKeyStore.toString());
        this.caCertificate = certificate(load(caKeyStore), CA_ALIAS);
        this.caPem = directory.resolve("ca.pem");
        PemFiles.writeCertificates(caPem, List.of(caCertificate));
        this.trustStore = writeTrustStore(directory.resolve("truststore.p12"));
    }

    /** Makes the authority's key and certificate in {@code directory}, which must exist. */
    public static LocalCertificateAuthority create(Path directory) {
        Objects.requireNonNull(directory, "directory must not be null");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not a directory");
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return new LocalCertificateAuthority(directory, HexFormat.of().formatHex(secret));
    }

    /** The authority's certificate in PEM: the CA bundle gRPC clients and servers trust. */
    public Path certificate() {
        return caPem;
    }

    /** A PKCS12 trust store holding the authority's certificate alone: what Kafka clients trust. */
    public Pkcs12Store trustStore() {
        return trustStore;
    }

    /**
     * A server certificate for {@code localhost} and {@code 127.0.0.1}, so clients keep
     * verifying host names (Kafka's {@code ssl.endpoint.identification.algorithm=https}, gRPC's
     * authority check).
     *
     * @param name names the files ({@code name.pem}, {@code name.key}, {@code name.p12}) and the
     *             certificate's common name
     */
    public IssuedCertificate issueServerCertificate(String name) {
        return issue(name, "serverAuth", Optional.of(SERVER_NAMES));
    }

    /** A client certificate for mutual TLS, its common name {@code name}. */
    public IssuedCertificate issueClientCertificate(String name) {
        return issue(name, "clientAuth", Optional.empty());
    }

    private IssuedCertificate issue(String name, String extendedKeyUsage, Optional<String> subjectAlternativeNames) {
        Objects.requireNonNull(name, "name must not be null");
        if (!FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("certificate name must be lower-case letters, digits and dashes"
                    + " but was '" + name + "'");
        }
        Path keyStoreFile = directory.resolve(name + ".p12");
        Path request = directory.resolve(name + ".csr");
        Path signed = directory.resolve(name + ".crt");
        if (Files.exists(keyStoreFile)) {
            throw new IllegalArgumentException("a certificate named " + name + " was already issued in " + directory);
        }
        keytool.run("-genkeypair", "-alias", LEAF_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-validity", VALIDITY_DAYS,
                "-storetype", Pkcs12Store.TYPE, "-keystore", keyStoreFile.toString());
        keytool.run("-certreq", "-alias", LEAF_ALIAS, "-keystore", keyStoreFile.toString(),
                "-file", request.toString());
        List<String> signing = new ArrayList<>(List.of("-gencert", "-alias", CA_ALIAS,
                "-keystore", caKeyStore.toString(), "-infile", request.toString(), "-outfile", signed.toString(),
                "-rfc", "-validity", VALIDITY_DAYS,
                "-ext", "ku:c=digitalSignature", "-ext", "eku=" + extendedKeyUsage));
        subjectAlternativeNames.ifPresent(names -> signing.addAll(List.of("-ext", names)));
        keytool.run(signing.toArray(String[]::new));
        // The store keytool made holds a self-signed certificate: replace it with the signed chain,
        // so servers present the authority's certificate after their own.
        List<Certificate> chain = List.of(readCertificate(signed), caCertificate);
        KeyStore store = load(keyStoreFile);
        PrivateKey key = privateKey(store);
        try {
            store.setKeyEntry(LEAF_ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put the signed chain into " + keyStoreFile, e);
        }
        save(store, keyStoreFile);
        Path chainPem = directory.resolve(name + ".pem");
        Path keyPem = directory.resolve(name + ".key");
        PemFiles.writeCertificates(chainPem, chain);
        PemFiles.writePrivateKey(keyPem, key);
        return new IssuedCertificate(chainPem, keyPem, new Pkcs12Store(keyStoreFile, password));
    }

    private Pkcs12Store writeTrustStore(Path file) {
        try {
            KeyStore store = KeyStore.getInstance(Pkcs12Store.TYPE);
            store.load(null, null);
            store.setCertificateEntry(CA_ALIAS, caCertificate);
            save(store, file);
            return new Pkcs12Store(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a PKCS12 trust store", e);
        }
    }

    private static X509Certificate certificate(KeyStore store, String alias) {
        try {
            return (X509Certificate) store.getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate keytool made", e);
        }
    }

    private PrivateKey privateKey(KeyStore store) {
        try {
            return (PrivateKey) store.getKey(LEAF_ALIAS, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key keytool made", e);
        }
    }

    private KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(Pkcs12Store.TYPE);
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the key store " + file, e);
        }
    }

    private void save(KeyStore store, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot save the key store " + file, e);
        }
    }

    private static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keytool wrote no certificate to " + file, e);
        }
    }
}
