package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.imagingtriage.devstack.tls.IssuedCertificate;
import org.imagingtriage.devstack.tls.LocalCertificateAuthority;
import org.imagingtriage.inference.TritonClient;
import org.imagingtriage.inference.TritonClientConfig;
import org.imagingtriage.inference.TritonException;
import org.imagingtriage.inference.channel.RetryConfig;
import org.imagingtriage.inference.channel.TlsConfig;
import org.imagingtriage.inference.channel.TritonChannelConfig;
import org.imagingtriage.inference.channel.TritonChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator over TLS and mutual TLS, called through the pipeline's own channel factory
 * ({@link TritonChannels}) with certificates from a {@link LocalCertificateAuthority}.
 */
class TritonSimulatorTlsTest {

    @TempDir
    static Path certificates;

    private static LocalCertificateAuthority authority;
    private static IssuedCertificate server;
    private static IssuedCertificate client;
    /** A client certificate from an authority the simulator does not trust. */
    private static IssuedCertificate stranger;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private TritonSimulator simulator;

    @BeforeAll
    static void issueCertificates() throws Exception {
        authority = LocalCertificateAuthority.create(certificates);
        server = authority.issueServerCertificate("simulator");
        client = authority.issueClientCertificate("pipeline");
        Path elsewhere = Files.createDirectory(certificates.resolve("elsewhere"));
        stranger = LocalCertificateAuthority.create(elsewhere).issueClientCertificate("stranger");
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aClientTrustingTheAuthorityIsServedOverTls() {
        // given
        simulator = TritonSimulator.started(TritonTestSupport.testConfig().withTls(
                SimulatorTls.serverOnly(server.certificateChain(), server.privateKey())));

        // when
        TritonClient triton = client(TlsConfig.serverAuthenticated(authority.certificate()));

        // then: the server's certificate verified against 127.0.0.1, and the models answer
        assertThat(triton.serverLive()).isTrue();
        assertThat(triton.modelReady(TritonTestSupport.MEDGEMMA, "")).isTrue();
    }

    @Test
    void aPlaintextClientIsNotServedByATlsSimulator() {
        // given
        simulator = TritonSimulator.started(TritonTestSupport.testConfig().withTls(
                SimulatorTls.serverOnly(server.certificateChain(), server.privateKey())));

        // when
        TritonClient triton = plaintextClient();

        // then
        assertThatThrownBy(triton::serverLive).isInstanceOf(TritonException.class);
    }

    @Test
    void mutualTlsServesAClientWithACertificateTheClientCaSigned() {
        // given
        simulator = TritonSimulator.started(TritonTestSupport.testConfig().withTls(
                SimulatorTls.mutual(server.certificateChain(), server.privateKey(), authority.certificate())));

        // when
        TritonClient triton = client(TlsConfig.mutual(authority.certificate(), client.certificateChain(),
                client.privateKey()));

        // then
        assertThat(triton.serverLive()).isTrue();
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        // given
        simulator = TritonSimulator.started(TritonTestSupport.testConfig().withTls(
                SimulatorTls.mutual(server.certificateChain(), server.privateKey(), authority.certificate())));

        // when: the client verifies the server but has no certificate of its own
        TritonClient triton = client(TlsConfig.serverAuthenticated(authority.certificate()));

        // then
        assertThatThrownBy(triton::serverLive).isInstanceOf(TritonException.class);
    }

    @Test
    void mutualTlsRefusesACertificateAnotherAuthoritySigned() {
        // given
        simulator = TritonSimulator.started(TritonTestSupport.testConfig().withTls(
                SimulatorTls.mutual(server.certificateChain(), server.privateKey(), authority.certificate())));

        // when
        TritonClient triton = client(TlsConfig.mutual(authority.certificate(), stranger.certificateChain(),
                stranger.privateKey()));

        // then
        assertThatThrownBy(triton::serverLive).isInstanceOf(TritonException.class);
    }

    @Test
    void settingsRefuseMissingFiles() {
        Path missing = certificates.resolve("missing.pem");

        assertThatThrownBy(() -> SimulatorTls.serverOnly(missing, server.privateKey()))
                .hasMessageContaining("certificateChain").hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> SimulatorTls.mutual(server.certificateChain(), server.privateKey(), missing))
                .hasMessageContaining("clientCa");
    }

    private TritonClient client(TlsConfig tls) {
        return open(TritonChannelConfig.plaintext(simulator.target()).withTls(tls));
    }

    /** The same target without TLS: a client configured for the wrong transport. */
    private TritonClient plaintextClient() {
        return open(TritonChannelConfig.plaintext(simulator.target()));
    }

    private TritonClient open(TritonChannelConfig config) {
        ManagedChannel channel = TritonChannels.create(config.withRetry(RetryConfig.disabled()));
        channels.add(channel);
        return new TritonClient(channel, TritonClientConfig.defaults());
    }
}
