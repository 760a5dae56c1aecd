package org.imagingtriage.inference.channel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS towards Triton, from PEM files.
 *
 * @param caCertificate the CA bundle that signed the server's certificate; empty for the JVM's
 *     default trust store
 * @param clientCertificate the client's certificate chain for mutual TLS; set with clientKey
 * @param clientKey the client's PKCS#8 private key for mutual TLS; set with clientCertificate
 * @param authorityOverride the host name to verify the server's certificate against, when it
 *     differs from the target's host (e.g. connecting by IP address)
 */
public record TlsConfig(
    Optional<Path> caCertificate,
    Optional<Path> clientCertificate,
    Optional<Path> clientKey,
    Optional<String> authorityOverride) {

  public TlsConfig {
    Objects.requireNonNull(caCertificate, "caCertificate");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(authorityOverride, "authorityOverride");
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException(
          "mutual TLS needs both a client certificate and a client key, or neither");
    }
    caCertificate.ifPresent(path -> requireReadable("CA certificate", path));
    clientCertificate.ifPresent(path -> requireReadable("client certificate", path));
    clientKey.ifPresent(path -> requireReadable("client key", path));
    authorityOverride.ifPresent(
        authority -> {
          if (authority.isBlank()) {
            throw new IllegalArgumentException("authority override is blank");
          }
        });
  }

  /** Server authentication only, against the given CA. */
  public static TlsConfig serverAuthenticated(Path caCertificate) {
    return new TlsConfig(
        Optional.of(caCertificate), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Mutual TLS: the server checks our certificate too. */
  public static TlsConfig mutual(Path caCertificate, Path clientCertificate, Path clientKey) {
    return new TlsConfig(
        Optional.of(caCertificate),
        Optional.of(clientCertificate),
        Optional.of(clientKey),
        Optional.empty());
  }

  public TlsConfig withAuthorityOverride(String authority) {
    return new TlsConfig(caCertificate, clientCertificate, clientKey, Optional.of(authority));
  }

  public boolean isMutual() {
    return clientCertificate.isPresent();
  }

  private static void requireReadable(String what, Path path) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(what + " file is missing or unreadable: " + path);
    }
  }
}
