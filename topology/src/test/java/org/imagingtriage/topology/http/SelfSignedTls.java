package org.imagingtriage.topology.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, made at test time
 * by the running JDK's own {@code keytool}, so no key material is checked in and nothing outside
 * the JDK is needed. The certificate is its own CA: {@link #caFile()} is the PEM bundle a client
 * trusts, {@link #serverContext()} what a test server presents.
 */
public final class SelfSignedTls {

    private static final String ALIAS = "server";
    private static final char[] PASSWORD = "test-only-password".toCharArray();

    private final Path keyStore;
    private final Path caFile;

    private SelfSignedTls(Path keyStore, Path caFile) {
        this.keyStore = keyStore;
        this.caFile = caFile;
    }

    /** Generates a key pair and certificate into {@code directory} (a test's temporary directory). */
    public static SelfSignedTls generate(Path directory) {
        Path keyStore = directory.resolve("server.p12");
        Path caFile = directory.resolve("ca.pem");
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-file", caFile.toString());
        return new SelfSignedTls(keyStore, caFile);
    }

    /** The certificate in PEM: the CA bundle that makes a client trust the server. */
    public Path caFile() {
        return caFile;
    }

    /** The PKCS12 key store holding the server's key and certificate. */
    public Path keyStore() {
        return keyStore;
    }

    /** For {@code HttpsServer.setHttpsConfigurator} or a server socket factory. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the generated key store is not usable", e);
        }
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
