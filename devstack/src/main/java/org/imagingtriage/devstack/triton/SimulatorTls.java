package org.imagingtriage.devstack.triton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;

/**
 * TLS for the simulator, from PEM files, as Triton takes it ({@code --grpc-use-ssl},
 * {@code --grpc-server-cert}, {@code --grpc-server-key}, {@code --grpc-root-cert},
 * {@code --grpc-use-ssl-mutual}).
 *
 * @param certificateChain the server's certificate chain, PEM
 * @param privateKey       the server's private key, PEM (PKCS#8)
 * @param clientCa         CA bundle, PEM: when present, every client must present a certificate
 *                         it signed (mutual TLS); when absent, clients are not asked for one
 */
public record SimulatorTls(Path certificateChain, Path privateKey, Optional<Path> clientCa) {

    public SimulatorTls {
        requireReadable("certificateChain", certificateChain);
        requireReadable("privateKey", privateKey);
        Objects.requireNonNull(clientCa,
                "clientCa must not be null (Optional.empty() for TLS without client certificates)");
        clientCa.ifPresent(file -> requireReadable("clientCa", file));
    }

    /** Server-authenticated TLS: clients verify the simulator, the simulator asks nothing of them. */
    public static SimulatorTls serverOnly(Path certificateChain, Path privateKey) {
        return new SimulatorTls(certificateChain, privateKey, Optional.empty());
    }

    /** Mutual TLS: only clients with a certificate signed by {@code clientCa} are served. */
    public static SimulatorTls mutual(Path certificateChain, Path privateKey, Path clientCa) {
        return new SimulatorTls(certificateChain, privateKey, Optional.of(clientCa));
    }

    public boolean isMutual() {
        return clientCa.isPresent();
    }

    /** What the gRPC server is built with; reads the files, so a bad key fails here, at start. */
    ServerCredentials serverCredentials() {
        try {
            TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder()
                    .keyManager(certificateChain.toFile(), privateKey.toFile());
            if (clientCa.isPresent()) {
                credentials.trustManager(clientCa.get().toFile())
                        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
            return credentials.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator's TLS files", e);
        }
    }

    private static void requireReadable(String field, Path file) {
        Objects.requireNonNull(file, field + " must not be null");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(field + " " + file + " is not a readable file");
        }
    }
}
