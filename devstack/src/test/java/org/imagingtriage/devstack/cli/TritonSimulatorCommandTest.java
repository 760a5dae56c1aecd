package org.imagingtriage.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command line and config validation. */
class TritonSimulatorCommandTest {

    @Test
    void defaultsServeTheProjectRepositoryOnTritonsPort() {
        TritonSimulatorConfig config = TritonSimulatorCommand.parse(new String[0]);

        assertThat(config.modelRepository()).isEqualTo(BuildLayout.fromBuild().tritonModelRepository());
        assertThat(config.port()).isEqualTo(8001);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.latency()).isEqualTo(LatencyProfile.FAST);
    }

    @Test
    void flagsSetEverything() {
        TritonSimulatorConfig config = TritonSimulatorCommand.parse(new String[] {
            "--model-repository", "/tmp/repo", "--models", "a, b", "--port", "0", "--profile", "medgemma-h100",
            "--seed", "7", "--error-rate", "0.25", "--host", "0.0.0.0"});

        assertThat(config.modelRepository()).isEqualTo(Path.of("/tmp/repo"));
        assertThat(config.models()).containsExactly("a", "b");
        assertThat(config.port()).isZero();
        assertThat(config.latency()).isEqualTo(LatencyProfile.MEDGEMMA_H100);
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.faults().errorRate()).isEqualTo(0.25);
        assertThat(config.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void badFlagsAreRefused() {
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {"--port"})).hasMessage("missing value for --port");
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {"--port", "x"}))
                .hasMessage("--port takes an integer, not 'x'");
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {"--color", "red"})).hasMessage("unknown option --color");
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {"--error-rate", "2"}))
                .hasMessageContaining("errorRate must be in [0, 1]");
    }

    @Test
    void metricsAreServedOnlyWhenAPortIsGiven() {
        assertThat(TritonSimulatorCommand.parseOptions(new String[0]).metricsPort()).isEmpty();
        assertThat(TritonSimulatorCommand.parseOptions(new String[] {"--port", "0", "--metrics-port", "8002"})
                .metricsPort()).hasValue(8002);
        assertThatThrownBy(() -> TritonSimulatorCommand.parseOptions(new String[] {"--metrics-port", "70000"}))
                .hasMessage("--metrics-port must be in [0, 65535], not 70000");
    }

    @Test
    void tlsFlagsServeTlsOrMutualTls(@TempDir Path files) throws Exception {
        // given
        Path cert = Files.writeString(files.resolve("server.pem"), "certificate");
        Path key = Files.writeString(files.resolve("server.key"), "key");
        Path clientCa = Files.writeString(files.resolve("clients.pem"), "ca");

        // when
        TritonSimulatorConfig tls = TritonSimulatorCommand.parse(new String[] {
            "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString()});
        TritonSimulatorConfig mutual = TritonSimulatorCommand.parse(new String[] {
            "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(),
            "--tls-client-ca-file", clientCa.toString()});

        // then
        assertThat(TritonSimulatorCommand.parse(new String[0]).tls()).isEmpty();
        assertThat(tls.tls()).hasValueSatisfying(settings -> {
            assertThat(settings.certificateChain()).isEqualTo(cert);
            assertThat(settings.privateKey()).isEqualTo(key);
            assertThat(settings.isMutual()).isFalse();
        });
        assertThat(mutual.tls()).hasValueSatisfying(settings ->
                assertThat(settings.clientCa()).contains(clientCa));
    }

    @Test
    void tlsFlagsThatCannotWorkAreRefused(@TempDir Path files) throws Exception {
        String cert = Files.writeString(files.resolve("server.pem"), "certificate").toString();
        String key = Files.writeString(files.resolve("server.key"), "key").toString();
        String missing = files.resolve("missing.pem").toString();

        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {"--tls-cert-file", cert}))
                .hasMessage("--tls-cert-file and --tls-key-file go together: TLS needs the certificate chain"
                        + " and its private key");
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {"--tls-key-file", key}))
                .hasMessageStartingWith("--tls-cert-file and --tls-key-file go together");
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {"--tls-client-ca-file", cert}))
                .hasMessage("--tls-client-ca-file needs --tls-cert-file and --tls-key-file: mutual TLS is TLS with"
                        + " client certificates");
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {
            "--tls-cert-file", missing, "--tls-key-file", key}))
                .hasMessage("--tls-cert-file " + missing + " is not a readable file");
        assertThatThrownBy(() -> TritonSimulatorCommand.parse(new String[] {
            "--tls-cert-file", cert, "--tls-key-file", key, "--tls-client-ca-file", missing}))
                .hasMessage("--tls-client-ca-file " + missing + " is not a readable file");
    }

    @Test
    void configRefusesNonsense() {
        TritonSimulatorConfig config = TritonSimulatorConfig.forRepository(Path.of("repo"));

        assertThatThrownBy(() -> config.withPort(70_000)).hasMessageContaining("port");
        assertThatThrownBy(() -> config.withModels(List.of("../etc"))).hasMessageContaining("not a model directory name");
        assertThatThrownBy(() -> config.withModels(List.of("a", "a"))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> config.withMaxInboundMessageBytes(10)).hasMessageContaining("maxInboundMessageBytes");
        assertThatThrownBy(() -> config.withHost(" ")).hasMessageContaining("host");
    }

    @Test
    void missingRepositoryFailsAtStart() {
        TritonSimulatorConfig config = TritonSimulatorConfig.forRepository(Path.of("no", "such", "repository"));

        assertThatThrownBy(() -> TritonSimulator.started(config)).hasMessageContaining("is not a directory");
    }
}
