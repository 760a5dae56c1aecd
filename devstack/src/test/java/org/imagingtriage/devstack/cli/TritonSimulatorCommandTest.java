package org.imagingtriage.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.junit.jupiter.api.Test;

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
