package org.imagingtriage.topology.config;

import java.time.Duration;
import org.imagingtriage.inference.TritonClientConfig;

/**
 * The deadline of every kind of call to Triton: a call without one can hang forever on a
 * half-open connection.
 *
 * @param infer one ModelInfer, queueing and generation included
 * @param health ServerLive, ServerReady, ModelReady
 * @param metadata ModelMetadata, ModelConfig, ModelStatistics
 * @param stream the whole life of one ModelStreamInfer stream
 * @param streamRequest one request on a stream, until its final response
 * @param startup how long start-up waits for Triton to serve the model (a GPU host loading the
 *     weights may take minutes) before it gives up
 */
public record TritonDeadlines(Duration infer, Duration health, Duration metadata, Duration stream,
                              Duration streamRequest, Duration startup) {

    public static final Duration DEFAULT_STARTUP = Duration.ofMinutes(2);

    public TritonDeadlines {
        Durations.requirePositive(infer, ConfigKeys.TRITON_DEADLINE_MS);
        Durations.requirePositive(health, ConfigKeys.TRITON_HEALTH_DEADLINE_MS);
        Durations.requirePositive(metadata, ConfigKeys.TRITON_METADATA_DEADLINE_MS);
        Durations.requirePositive(stream, ConfigKeys.TRITON_STREAM_DEADLINE_MS);
        Durations.requirePositive(streamRequest, ConfigKeys.TRITON_STREAM_REQUEST_TIMEOUT_MS);
        Durations.requireAtMost(streamRequest, ConfigKeys.TRITON_STREAM_REQUEST_TIMEOUT_MS,
                stream, ConfigKeys.TRITON_STREAM_DEADLINE_MS);
        Durations.requirePositive(startup, ConfigKeys.TRITON_STARTUP_WAIT_MS);
    }

    /** inference-client's defaults, sized for MedGemma 4B on a GPU. */
    public static TritonDeadlines defaults() {
        TritonClientConfig client = TritonClientConfig.defaults();
        return new TritonDeadlines(client.inferDeadline(), client.healthDeadline(), client.metadataDeadline(),
                client.streamDeadline(), client.streamRequestTimeout(), DEFAULT_STARTUP);
    }

    public static TritonDeadlines from(ConfigValues values) {
        TritonDeadlines defaults = defaults();
        return new TritonDeadlines(
                values.millis(ConfigKeys.TRITON_DEADLINE_MS, defaults.infer().toMillis()),
                values.millis(ConfigKeys.TRITON_HEALTH_DEADLINE_MS, defaults.health().toMillis()),
                values.millis(ConfigKeys.TRITON_METADATA_DEADLINE_MS, defaults.metadata().toMillis()),
                values.millis(ConfigKeys.TRITON_STREAM_DEADLINE_MS, defaults.stream().toMillis()),
                values.millis(ConfigKeys.TRITON_STREAM_REQUEST_TIMEOUT_MS, defaults.streamRequest().toMillis()),
                values.millis(ConfigKeys.TRITON_STARTUP_WAIT_MS, defaults.startup().toMillis()));
    }

    public TritonClientConfig clientConfig() {
        return new TritonClientConfig(health, metadata, infer, stream, streamRequest);
    }
}
