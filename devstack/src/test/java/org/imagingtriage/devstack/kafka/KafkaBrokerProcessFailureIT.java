package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessFailureIT {

    @TempDir
    Path parentDirectory;

    @Test
    void storageFormatFailureReportsTheToolsOutputAndLeavesNothingBehind() {
        // given: a property the storage tool cannot parse
        KafkaBrokerProcessConfig config = KafkaBrokerProcessConfig.defaults()
                .withParentDirectory(parentDirectory)
                .withBrokerProperty("message.max.bytes", "not-a-number");

        // when / then
        assertThatThrownBy(() -> KafkaBrokerProcess.started(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("formatting broker storage failed with exit code")
                .hasMessageContaining("Invalid value not-a-number for configuration message.max.bytes");
        assertThat(parentDirectory).isEmptyDirectory();
    }

    @Test
    void brokerThatDiesDuringStartUpFailsFastWithTheTailOfItsLog() {
        // given: a configuration the storage tool accepts but the broker cannot start with
        KafkaBrokerProcessConfig config = KafkaBrokerProcessConfig.defaults()
                .withParentDirectory(parentDirectory)
                .withBrokerProperty("authorizer.class.name", "org.imagingtriage.NoSuchAuthorizer");

        // when / then: the exit is noticed long before the 60 s start-up timeout
        long startedAt = System.nanoTime();
        assertThatThrownBy(() -> KafkaBrokerProcess.started(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the broker process exited with code")
                .hasMessageContaining("ClassNotFoundException: org.imagingtriage.NoSuchAuthorizer");
        assertThat(System.nanoTime() - startedAt).isLessThan(KafkaBrokerProcessConfig.DEFAULT_STARTUP_TIMEOUT.toNanos());
        assertThat(parentDirectory).isEmptyDirectory();
    }
}
