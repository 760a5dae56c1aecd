package org.imagingtriage.devstack.cli;

import org.imagingtriage.devstack.BuildLayout;
import org.imagingtriage.devstack.triton.FaultSettings;
import org.imagingtriage.devstack.triton.LatencyProfile;
import org.imagingtriage.devstack.triton.SimulatorTls;
import org.imagingtriage.devstack.triton.TritonMetricsServer;
import org.imagingtriage.devstack.triton.TritonSimulator;
import org.imagingtriage.devstack.triton.TritonSimulatorConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Triton simulator until the process is told to stop (SIGTERM, SIGINT).
 *
 * <pre>
 * java -cp ... org.imagingtriage.devstack.triton.TritonSimulatorCommand \
 *     --model-repository triton-models/model-repository --port 8001 --profile medgemma-h100 --seed 7 \
 *     --tls-cert-file server.pem --tls-key-file server.key --tls-client-ca-file clients-ca.pem
 * </pre>
 *
 * When it is serving it prints one line to standard output, its target ({@code host:port}), so a
 * script can read where to connect; logs go through SLF4J.
 */
public final class TritonSimulatorCommand {

    static final String USAGE = """
            usage: TritonSimulatorCommand [options]
              --model-repository DIR  Triton model repository (default: triton-models/model-repository)
              --models A,B            load only these models (default: all)
              --host ADDRESS          address to bind (default: 127.0.0.1)
              --port N                port, 0 = any free one (default: 8001)
              --profile NAME          latency profile: instant, fast, medgemma-h100 (default: fast)
              --seed N                seed for latency jitter and injected errors (default: 0)
              --error-rate X          fraction of requests failing with INTERNAL, 0..1 (default: 0)
              --tls-cert-file FILE    serve TLS with this PEM certificate chain (with --tls-key-file)
              --tls-key-file FILE     the certificate's PEM (PKCS#8) private key (with --tls-cert-file)
              --tls-client-ca-file FILE
                                      mutual TLS: serve only clients with a certificate this PEM CA
                                      bundle signed (needs --tls-cert-file and --tls-key-file)
              --metrics-port N        serve Triton-named metrics at http://HOST:N/metrics (default: off;
                                      Triton's own port is 8002)
            """;

    /** Triton's own default gRPC port. */
    static final int DEFAULT_PORT = 8001;

    private TritonSimulatorCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        TritonSimulatorConfig config;
        OptionalInt metricsPort;
        try {
            Options options = parseOptions(args);
            config = options.simulator();
            metricsPort = options.metricsPort();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        TritonSimulator simulator = TritonSimulator.started(config);
        TritonMetricsServer metrics = metricsPort.isPresent()
                ? TritonMetricsServer.start(simulator, config.host(), metricsPort.getAsInt()) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (metrics != null) {
                metrics.close();
            }
            simulator.close();
            stopped.countDown();
        }, "triton-sim-shutdown"));
        System.out.println(simulator.target());
        System.out.flush();
        // The process lives as long as the server; each wait is bounded, the loop is the lifetime.
        boolean stop = false;
        while (!stop) {
            stop = stopped.await(1, TimeUnit.MINUTES);
        }
    }

    /** What the command line asks for: the simulator, and its metrics port when it is to serve metrics. */
    record Options(TritonSimulatorConfig simulator, OptionalInt metricsPort) {
    }

    static TritonSimulatorConfig parse(String[] args) {
        return parseOptions(args).simulator();
    }

    static Options parseOptions(String[] args) {
        OptionalInt metricsPort = OptionalInt.empty();
        TritonSimulatorConfig config = TritonSimulatorConfig.forRepository(BuildLayout.fromBuild().tritonModelRepository())
                .withPort(DEFAULT_PORT);
        double errorRate = 0;
        Path certificateChain = null;
        Path privateKey = null;
        Path clientCa = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if ("--help".equals(flag) || "-h".equals(flag)) {
                throw new IllegalArgumentException("Triton simulator: a KServe v2 server for development and tests");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--model-repository" -> config = config.withRepository(Path.of(value));
                case "--models" -> config = config.withModels(Arrays.stream(value.split(","))
                        .map(String::strip).filter(name -> !name.isEmpty()).toList());
                case "--host" -> config = config.withHost(value);
                case "--port" -> config = config.withPort(number(flag, value));
                case "--profile" -> config = config.withLatency(LatencyProfile.named(value));
                case "--seed" -> config = config.withSeed(number(flag, value));
                case "--error-rate" -> errorRate = decimal(flag, value);
                case "--tls-cert-file" -> certificateChain = Path.of(value);
                case "--tls-key-file" -> privateKey = Path.of(value);
                case "--tls-client-ca-file" -> clientCa = Path.of(value);
                case "--metrics-port" -> metricsPort = OptionalInt.of(port(flag, value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        config = config.withFaults(config.faults().withErrorRate(errorRate));
        Optional<SimulatorTls> tls = tls(certificateChain, privateKey, clientCa);
        return new Options(tls.isPresent() ? config.withTls(tls.get()) : config, metricsPort);
    }

    /** TLS needs a certificate and its key together; mutual TLS is TLS plus the CA clients are checked against. */
    private static Optional<SimulatorTls> tls(Path certificateChain, Path privateKey, Path clientCa) {
        if ((certificateChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("--tls-cert-file and --tls-key-file go together: TLS needs the"
                    + " certificate chain and its private key");
        }
        if (certificateChain == null) {
            if (clientCa != null) {
                throw new IllegalArgumentException("--tls-client-ca-file needs --tls-cert-file and --tls-key-file:"
                        + " mutual TLS is TLS with client certificates");
            }
            return Optional.empty();
        }
        requireReadable("--tls-cert-file", certificateChain);
        requireReadable("--tls-key-file", privateKey);
        if (clientCa != null) {
            requireReadable("--tls-client-ca-file", clientCa);
        }
        return Optional.of(new SimulatorTls(certificateChain, privateKey, Optional.ofNullable(clientCa)));
    }

    private static int port(String flag, String value) {
        int port = number(flag, value);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(flag + " must be in [0, 65535], not " + port);
        }
        return port;
    }

    private static void requireReadable(String flag, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(flag + " " + file + " is not a readable file");
        }
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes an integer, not '" + value + "'", e);
        }
    }

    private static double decimal(String flag, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, not '" + value + "'", e);
        }
    }
}
