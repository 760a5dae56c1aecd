package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How much inference work the pipeline keeps in flight and how it waits out Triton outages.
 *
 * @param maxInFlight requests outstanding per pipeline instance in async mode: enough to fill
 *     Triton's batches (max_batch_size 8), few enough to bound memory and redo after a crash
 * @param maxInFlightPerTask records one Streams task may hold in async mode, from sending to
 *     forwarding its draft; bounds what waits to be forwarded
 * @param priorityReserved in-flight slots only STAT and URGENT events may take, so a routine
 *     backlog cannot hold them all
 * @param retryInitialBackoff first pause after a transient failure (UNAVAILABLE, DEADLINE_EXCEEDED,
 *     queue full); doubled per failure. Transient failures pause consumption, never dead-letter
 * @param retryMaxBackoff the longest pause
 * @param circuitOpenAfterFailures transient failures in a row after which async mode stops
 *     sending and consuming until Triton reports the model ready
 * @param circuitProbeInterval how often an open circuit asks Triton whether the model is ready
 */
public record InferenceSettings(InferenceMode mode, int maxInFlight, int maxInFlightPerTask, int priorityReserved,
                                Duration retryInitialBackoff, Duration retryMaxBackoff,
                                int circuitOpenAfterFailures, Duration circuitProbeInterval) {

    /**
     * For MedGemma's max_batch_size of 8: the routine lane's 20 slots keep one full batch
     * executing, the next one queued and 4 more being prepared, so Triton never starts a batch
     * short; the other 4 are reserved for the priority lane. With 16 (12 routine) the benchmark
     * saw batches of 6 and 88 % of capacity.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 24;
    public static final int DEFAULT_PRIORITY_RESERVED = 4;
    public static final int DEFAULT_CIRCUIT_OPEN_AFTER_FAILURES = 3;
    /** Far above what one GPU serves; stops a typo from holding thousands of images in memory. */
    public static final int MAX_IN_FLIGHT_LIMIT = 1024;

    public InferenceSettings {
        Objects.requireNonNull(mode, ConfigKeys.INFERENCE_MODE);
        requireInFlightRange(maxInFlight, ConfigKeys.INFERENCE_MAX_IN_FLIGHT);
        requireInFlightRange(maxInFlightPerTask, ConfigKeys.INFERENCE_MAX_IN_FLIGHT_PER_TASK);
        if (priorityReserved < 0 || priorityReserved >= maxInFlight) {
            throw new TriageConfigException(List.of(ConfigKeys.INFERENCE_PRIORITY_RESERVED,
                    ConfigKeys.INFERENCE_MAX_IN_FLIGHT), ConfigKeys.INFERENCE_PRIORITY_RESERVED + " ("
                    + priorityReserved + ") must be at least 0 and below " + ConfigKeys.INFERENCE_MAX_IN_FLIGHT
                    + " (" + maxInFlight + "), so routine events keep at least one slot");
        }
        Durations.requirePositive(retryInitialBackoff, ConfigKeys.INFERENCE_RETRY_INITIAL_BACKOFF_MS);
        Durations.requirePositive(retryMaxBackoff, ConfigKeys.INFERENCE_RETRY_MAX_BACKOFF_MS);
        Durations.requireAtMost(retryInitialBackoff, ConfigKeys.INFERENCE_RETRY_INITIAL_BACKOFF_MS,
                retryMaxBackoff, ConfigKeys.INFERENCE_RETRY_MAX_BACKOFF_MS);
        if (circuitOpenAfterFailures < 1) {
            throw new TriageConfigException(ConfigKeys.INFERENCE_CIRCUIT_OPEN_AFTER_FAILURES,
                    ConfigKeys.INFERENCE_CIRCUIT_OPEN_AFTER_FAILURES + " must be at least 1");
        }
        Durations.requirePositive(circuitProbeInterval, ConfigKeys.INFERENCE_CIRCUIT_PROBE_INTERVAL_MS);
    }

    public static InferenceSettings defaults() {
        return new InferenceSettings(InferenceMode.ASYNC, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_PRIORITY_RESERVED, Duration.ofMillis(500), Duration.ofSeconds(30),
                DEFAULT_CIRCUIT_OPEN_AFTER_FAILURES, Duration.ofSeconds(1));
    }

    public static InferenceSettings from(ConfigValues values) {
        InferenceSettings defaults = defaults();
        return new InferenceSettings(
                values.choice(ConfigKeys.INFERENCE_MODE, defaults.mode(), InferenceMode::configValue),
                values.integer(ConfigKeys.INFERENCE_MAX_IN_FLIGHT, defaults.maxInFlight()),
                values.integer(ConfigKeys.INFERENCE_MAX_IN_FLIGHT_PER_TASK, defaults.maxInFlightPerTask()),
                values.integer(ConfigKeys.INFERENCE_PRIORITY_RESERVED, defaults.priorityReserved()),
                values.millis(ConfigKeys.INFERENCE_RETRY_INITIAL_BACKOFF_MS, defaults.retryInitialBackoff().toMillis()),
                values.millis(ConfigKeys.INFERENCE_RETRY_MAX_BACKOFF_MS, defaults.retryMaxBackoff().toMillis()),
                values.integer(ConfigKeys.INFERENCE_CIRCUIT_OPEN_AFTER_FAILURES, defaults.circuitOpenAfterFailures()),
                values.millis(ConfigKeys.INFERENCE_CIRCUIT_PROBE_INTERVAL_MS,
                        defaults.circuitProbeInterval().toMillis()));
    }

    /** The same settings in another mode: benchmarks run both on one configuration. */
    public InferenceSettings withMode(InferenceMode other) {
        return new InferenceSettings(other, maxInFlight, maxInFlightPerTask, priorityReserved, retryInitialBackoff,
                retryMaxBackoff, circuitOpenAfterFailures, circuitProbeInterval);
    }

    private static void requireInFlightRange(int value, String key) {
        if (value < 1 || value > MAX_IN_FLIGHT_LIMIT) {
            throw new TriageConfigException(key, key + " must be between 1 and " + MAX_IN_FLIGHT_LIMIT);
        }
    }
}
