package org.imagingtriage.topology.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.inference.channel.TlsConfig;

/**
 * TLS towards Triton, from PEM files.
 *
 * @param caFile the CA bundle that signed Triton's certificate; empty for the JVM's trust store
 * @param clientCertFile our certificate chain, for mutual TLS (with {@code clientKeyFile})
 * @param clientKeyFile our PKCS#8 private key, for mutual TLS (with {@code clientCertFile})
 * @param authority the host name to check Triton's certificate against when it differs from the
 *     target's (connecting by IP address, through a tunnel)
 */
public record TritonTls(Optional<Path> caFile, Optional<Path> clientCertFile, Optional<Path> clientKeyFile,
                        Optional<String> authority) {

    public TritonTls {
        Objects.requireNonNull(caFile, ConfigKeys.TRITON_TLS_CA_FILE);
        Objects.requireNonNull(clientCertFile, ConfigKeys.TRITON_TLS_CLIENT_CERT_FILE);
        Objects.requireNonNull(clientKeyFile, ConfigKeys.TRITON_TLS_CLIENT_KEY_FILE);
        Objects.requireNonNull(authority, ConfigKeys.TRITON_TLS_AUTHORITY);
        if (clientCertFile.isPresent() != clientKeyFile.isPresent()) {
            throw new TriageConfigException(
                    List.of(ConfigKeys.TRITON_TLS_CLIENT_CERT_FILE, ConfigKeys.TRITON_TLS_CLIENT_KEY_FILE),
                    ConfigKeys.TRITON_TLS_CLIENT_CERT_FILE + " and " + ConfigKeys.TRITON_TLS_CLIENT_KEY_FILE
                            + " must be set together: mutual TLS needs both");
        }
        caFile.ifPresent(file -> ConfigFiles.requireReadable(file, ConfigKeys.TRITON_TLS_CA_FILE));
        clientCertFile.ifPresent(file -> ConfigFiles.requireReadable(file, ConfigKeys.TRITON_TLS_CLIENT_CERT_FILE));
        clientKeyFile.ifPresent(file -> ConfigFiles.requireReadable(file, ConfigKeys.TRITON_TLS_CLIENT_KEY_FILE));
        authority.ifPresent(name -> {
            if (name.isBlank()) {
                throw new TriageConfigException(ConfigKeys.TRITON_TLS_AUTHORITY,
                        ConfigKeys.TRITON_TLS_AUTHORITY + " must not be blank");
            }
        });
    }

    /** Server authentication against the JVM's trust store. */
    public static TritonTls jvmTrustStore() {
        return new TritonTls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * TLS when {@code triton.tls.enabled} is true or any TLS file or authority is set; an explicit
     * {@code false} beside TLS material is refused, as one of the two must be a mistake.
     */
    public static Optional<TritonTls> from(ConfigValues values) {
        TritonTls tls = new TritonTls(
                values.path(ConfigKeys.TRITON_TLS_CA_FILE),
                values.path(ConfigKeys.TRITON_TLS_CLIENT_CERT_FILE),
                values.path(ConfigKeys.TRITON_TLS_CLIENT_KEY_FILE),
                values.string(ConfigKeys.TRITON_TLS_AUTHORITY));
        Optional<Boolean> enabled = values.optionalBool(ConfigKeys.TRITON_TLS_ENABLED);
        if (enabled.isEmpty()) {
            return tls.hasMaterial() ? Optional.of(tls) : Optional.empty();
        }
        if (!enabled.get() && tls.hasMaterial()) {
            throw new TriageConfigException(ConfigKeys.TRITON_TLS_ENABLED, ConfigKeys.TRITON_TLS_ENABLED
                    + " is false but triton.tls.* files or authority are set: remove them or enable TLS");
        }
        return enabled.get() ? Optional.of(tls) : Optional.empty();
    }

    public boolean isMutual() {
        return clientCertFile.isPresent();
    }

    public TlsConfig tlsConfig() {
        return new TlsConfig(caFile, clientCertFile, clientKeyFile, authority);
    }

    private boolean hasMaterial() {
        return caFile.isPresent() || clientCertFile.isPresent() || clientKeyFile.isPresent() || authority.isPresent();
    }
}
