package org.imagingtriage.devstack.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaConfig;
import org.imagingtriage.devstack.registry.ApicurioRegistryProcess;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;

/**
 * What `triage demo` and `triage bench pipeline` run the pipeline on: an in-JVM KRaft broker,
 * Apicurio Registry, and the Triton simulator serving medgemma-4b-it's real configuration on a
 * free port. Closed in the reverse order.
 */
final class EmbeddedStack implements AutoCloseable {

    private final EmbeddedKafkaCluster kafka;
    private final ApicurioRegistryProcess registry;
    private final TritonSimulator triton;

    private EmbeddedStack(EmbeddedKafkaCluster kafka, ApicurioRegistryProcess registry, TritonSimulator triton) {
        this.kafka = kafka;
        this.registry = registry;
        this.triton = triton;
    }

    /** Starts all three; what started is closed again if a later one fails. */
    static EmbeddedStack start(LatencyProfile latency) {
        EmbeddedKafkaCluster kafka = withoutStdout(() -> EmbeddedKafkaCluster.started(EmbeddedKafkaConfig.defaults()));
        ApicurioRegistryProcess registry = null;
        try {
            registry = ApicurioRegistryProcess.startWithDefaults();
            TritonSimulator triton = TritonSimulator.started(TritonSimulatorConfig
                    .forRepository(BuildLayout.fromBuild().tritonModelRepository())
                    .withModels(List.of(MedGemmaContract.MODEL_NAME))
                    .withPort(0)
                    .withLatency(latency));
            return new EmbeddedStack(kafka, registry, triton);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's Confluent-compatible API. */
    String registryUrl() {
        return registry.ccompatUrl();
    }

    String tritonTarget() {
        return triton.target();
    }

    @Override
    public void close() {
        try {
            triton.close();
        } finally {
            try {
                registry.close();
            } finally {
                kafka.close();
            }
        }
    }

    /**
     * Kafka's test kit prints its storage formatting to System.out; the commands' stdout is their
     * report, so that chatter is dropped while the broker starts.
     */
    private static <T> T withoutStdout(Supplier<T> action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(original);
        }
    }
}
