package org.imagingtriage.devstack.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code triage triton-simulator}: {@link TritonSimulatorCommand} with picocli's help and parsing. */
@Command(name = "triton-simulator",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Serve a Triton model repository with the simulator (KServe v2 gRPC) until Ctrl-C. It loads the real"
                        + " config.pbtxt files and enforces them as Triton does (shapes, types, dynamic batching,"
                        + " priorities, queue policy, statistics); every output it makes is marked SIMULATED.",
                "When serving it prints its target (host:port) on one line, for scripts.",
                ""},
        footer = {"", "Examples:", "  ./triage triton-simulator --profile medgemma-h100 --port 8001",
                "  ./triage triton-simulator --tls-cert-file server.pem --tls-key-file server.key"
                        + " --tls-client-ca-file clients-ca.pem"})
final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--model-repository", paramLabel = "DIR",
            description = "Triton model repository. Default: triton-models/model-repository of this build.")
    private String modelRepository;

    @Option(names = "--models", paramLabel = "A,B", description = "Load only these models. Default: all.")
    private String models;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind. Default: 127.0.0.1.")
    private String host;

    @Option(names = "--port", paramLabel = "N", description = "Port; 0 = any free one. Default: 8001.")
    private Integer port;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Latency profile: instant, fast, medgemma-h100. Default: fast.")
    private String profile;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for latency jitter and injected errors.")
    private Long seed;

    @Option(names = "--error-rate", paramLabel = "X",
            description = "Fraction of requests failing with INTERNAL, 0..1. Default: 0.")
    private Double errorRate;

    @Option(names = "--tls-cert-file", paramLabel = "FILE",
            description = "Serve TLS with this PEM certificate chain (with --tls-key-file). Default: plaintext.")
    private String tlsCertFile;

    @Option(names = "--tls-key-file", paramLabel = "FILE",
            description = "The certificate's PEM (PKCS#8) private key (with --tls-cert-file).")
    private String tlsKeyFile;

    @Option(names = "--tls-client-ca-file", paramLabel = "FILE",
            description = "Mutual TLS: serve only clients presenting a certificate this PEM CA bundle signed."
                    + " Needs --tls-cert-file and --tls-key-file.")
    private String tlsClientCaFile;

    @Option(names = "--metrics-port", paramLabel = "N",
            description = "Serve Triton-named metrics (nv_inference_*, marked simulated) at http://HOST:N/metrics;"
                    + " Triton's own port is 8002. Default: off.")
    private Integer metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>();
        add(args, "--model-repository", modelRepository);
        add(args, "--models", models);
        add(args, "--host", host);
        add(args, "--port", port);
        add(args, "--profile", profile);
        add(args, "--seed", seed);
        add(args, "--error-rate", errorRate);
        add(args, "--tls-cert-file", tlsCertFile);
        add(args, "--tls-key-file", tlsKeyFile);
        add(args, "--tls-client-ca-file", tlsClientCaFile);
        add(args, "--metrics-port", metricsPort);
        TritonSimulatorCommand.main(args.toArray(String[]::new));
        return 0;
    }

    private static void add(List<String> args, String flag, Object value) {
        if (value != null) {
            args.add(flag);
            args.add(String.valueOf(value));
        }
    }
}
