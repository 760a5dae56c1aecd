package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How much inference work the pipeline keeps in flight and how it waits out Triton outages.
 *
 * @param maxInFlight requests outstanding per pipeline instance in async mode: enough to fill
 *     Triton's batches (max_batch_size 8), few enough to bound memory and redo after a crash
 * @param priorityReserved in-flight slots only STAT and URGENT events may take, so a routine
 *     backlog cannot hold them all
 * @param retryInitialBackoff first pause after a transient failure (UNAVAILABLE, DEADLINE_EXCEEDED,
 *     queue full); doubled per failure. Transient failures pause consumption, never dead-letter
 * @param retryMaxBackoff the longest pause
 */
public record InferenceSettings(InferenceMode mode, int maxInFlight, int priorityReserved,
                                Duration retryInitialBackoff, Duration retryMaxBackoff) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    public static final int DEFAULT_PRIORITY_RESERVED = 4;
    /** Far above what one GPU serves; stops a typo from holding thousands of images in memory. */
    public static final int MAX_IN_FLIGHT_LIMIT = 1024;

    public InferenceSettings {
        Objects.requireNonNull(mode, ConfigKeys.INFERENCE_MODE);
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new TriageConfigException(ConfigKeys.INFERENCE_MAX_IN_FLIGHT, ConfigKeys.INFERENCE_MAX_IN_FLIGHT
                    + " must be between 1 and " + MAX_IN_FLIGHT_LIMIT);
        }
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
    }

    public static InferenceSettings defaults() {
        return new InferenceSettings(InferenceMode.BLOCKING, DEFAULT_MAX_IN_FLIGHT, DEFAULT_PRIORITY_RESERVED,
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public static InferenceSettings from(ConfigValues values) {
        InferenceSettings defaults = defaults();
        return new InferenceSettings(
                values.choice(ConfigKeys.INFERENCE_MODE, defaults.mode(), InferenceMode::configValue),
                values.integer(ConfigKeys.INFERENCE_MAX_IN_FLIGHT, defaults.maxInFlight()),
                values.integer(ConfigKeys.INFERENCE_PRIORITY_RESERVED, defaults.priorityReserved()),
                values.millis(ConfigKeys.INFERENCE_RETRY_INITIAL_BACKOFF_MS, defaults.retryInitialBackoff().toMillis()),
                values.millis(ConfigKeys.INFERENCE_RETRY_MAX_BACKOFF_MS, defaults.retryMaxBackoff().toMillis()));
    }
}
