package org.imagingtriage.devstack.triton;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a {@link TritonSimulator}.
 *
 * @param modelRepository        a Triton model repository: {@code <dir>/<model>/config.pbtxt}
 *                               and version directories
 * @param models                 the models to load; empty = every model in the repository
 * @param host                   address to bind; loopback unless a container needs more
 * @param port                   0 = any free port (read it back with {@link TritonSimulator#port()})
 * @param latency                how long executions take
 * @param seed                   seeds latency jitter and injected errors: equal seeds and equal
 *                               traffic give equal runs
 * @param faults                 faults active from the start
 * @param maxInboundMessageBytes largest request accepted; a batch of 8 MedGemma images is 19 MB
 * @param tls                    TLS or mutual TLS; empty serves plaintext, as Triton does by default
 */
public record TritonSimulatorConfig(
        Path modelRepository,
        List<String> models,
        String host,
        int port,
        LatencyProfile latency,
        long seed,
        FaultSettings faults,
        int maxInboundMessageBytes,
        Optional<SimulatorTls> tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** 64 MiB: comfortably above a full MedGemma batch, far below what would strain a test JVM. */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 64 << 20;
    private static final int SMALLEST_INBOUND_LIMIT = 64 << 10;
    private static final int LARGEST_INBOUND_LIMIT = 1 << 30;

    public TritonSimulatorConfig {
        Objects.requireNonNull(modelRepository, "modelRepository must not be null");
        Objects.requireNonNull(models, "models must not be null");
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(latency, "latency must not be null");
        Objects.requireNonNull(faults, "faults must not be null");
        Objects.requireNonNull(tls, "tls must not be null (Optional.empty() for plaintext)");
        models = List.copyOf(models);
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535] but was " + port);
        }
        if (maxInboundMessageBytes < SMALLEST_INBOUND_LIMIT || maxInboundMessageBytes > LARGEST_INBOUND_LIMIT) {
            throw new IllegalArgumentException("maxInboundMessageBytes must be in [" + SMALLEST_INBOUND_LIMIT + ", "
                    + LARGEST_INBOUND_LIMIT + "] but was " + maxInboundMessageBytes);
        }
        HashSet<String> seen = new HashSet<>();
        for (String model : models) {
            if (model == null || model.isBlank() || model.contains("/") || model.contains("\\") || model.startsWith(".")) {
                throw new IllegalArgumentException("not a model directory name: '" + model + "'");
            }
            if (!seen.add(model)) {
                throw new IllegalArgumentException("model '" + model + "' is listed twice");
            }
        }
    }

    /** Every model of the repository, on a free loopback port, {@code fast} latencies, seed 0, no faults. */
    public static TritonSimulatorConfig forRepository(Path modelRepository) {
        return new TritonSimulatorConfig(modelRepository, List.of(), DEFAULT_HOST, 0, LatencyProfile.FAST, 0,
                FaultSettings.NONE, DEFAULT_MAX_INBOUND_MESSAGE_BYTES, Optional.empty());
    }

    public TritonSimulatorConfig withModels(List<String> names) {
        return new TritonSimulatorConfig(modelRepository, names, host, port, latency, seed, faults,
                maxInboundMessageBytes, tls);
    }

    public TritonSimulatorConfig withHost(String address) {
        return new TritonSimulatorConfig(modelRepository, models, address, port, latency, seed, faults,
                maxInboundMessageBytes, tls);
    }

    public TritonSimulatorConfig withPort(int number) {
        return new TritonSimulatorConfig(modelRepository, models, host, number, latency, seed, faults,
                maxInboundMessageBytes, tls);
    }

    public TritonSimulatorConfig withLatency(LatencyProfile profile) {
        return new TritonSimulatorConfig(modelRepository, models, host, port, profile, seed, faults,
                maxInboundMessageBytes, tls);
    }

    public TritonSimulatorConfig withSeed(long value) {
        return new TritonSimulatorConfig(modelRepository, models, host, port, latency, value, faults,
                maxInboundMessageBytes, tls);
    }

    public TritonSimulatorConfig withFaults(FaultSettings settings) {
        return new TritonSimulatorConfig(modelRepository, models, host, port, latency, seed, settings,
                maxInboundMessageBytes, tls);
    }

    public TritonSimulatorConfig withRepository(Path repository) {
        return new TritonSimulatorConfig(repository, models, host, port, latency, seed, faults,
                maxInboundMessageBytes, tls);
    }

    /** Serves TLS (or mutual TLS) instead of plaintext. */
    public TritonSimulatorConfig withTls(SimulatorTls settings) {
        return new TritonSimulatorConfig(modelRepository, models, host, port, latency, seed, faults,
                maxInboundMessageBytes, Optional.of(settings));
    }

    public TritonSimulatorConfig withMaxInboundMessageBytes(int bytes) {
        return new TritonSimulatorConfig(modelRepository, models, host, port, latency, seed, faults, bytes, tls);
    }
}
