package org.imagingtriage.topology.config;

import java.util.Objects;
import org.imagingtriage.inference.ModelExpectation;
import org.imagingtriage.inference.TritonClientConfig;
import org.imagingtriage.inference.channel.TritonChannelConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;

/**
 * Where Triton is and how the pipeline talks to it, mapped onto inference-client's own
 * configuration records by {@link #channelConfig()} and {@link #clientConfig()}.
 *
 * @param target a gRPC target: {@code host:port} or a URI such as {@code dns:///triton:8001}
 */
public record TritonSettings(String target, TritonModel model, TritonDeadlines deadlines, TritonTransport transport) {

    public TritonSettings {
        if (target == null || target.isBlank()) {
            throw new TriageConfigException(ConfigKeys.TRITON_TARGET,
                    ConfigKeys.TRITON_TARGET + " is required: " + ConfigKey.howToSet(ConfigKeys.TRITON_TARGET));
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(transport, "transport");
        // A queue timeout at or past the call's deadline never fires: the call is cancelled first.
        model.queueTimeout().ifPresent(timeout -> {
            if (timeout.compareTo(deadlines.infer()) >= 0) {
                throw new TriageConfigException(ConfigKeys.TRITON_QUEUE_TIMEOUT_MS, ConfigKeys.TRITON_QUEUE_TIMEOUT_MS
                        + " (" + timeout.toMillis() + ") must be below " + ConfigKeys.TRITON_DEADLINE_MS
                        + " (" + deadlines.infer().toMillis() + ")");
            }
        });
    }

    /** Plaintext to {@code target}, medgemma-4b-it, every other setting at its default. */
    public static TritonSettings defaults(String target) {
        return new TritonSettings(target, TritonModel.defaults(), TritonDeadlines.defaults(), TritonTransport.plaintext());
    }

    public static TritonSettings from(ConfigValues values) {
        return new TritonSettings(
                values.required(ConfigKeys.TRITON_TARGET),
                TritonModel.from(values),
                TritonDeadlines.from(values),
                TritonTransport.from(values));
    }

    /** For {@code TritonChannels.create}. */
    public TritonChannelConfig channelConfig() {
        return new TritonChannelConfig(
                target,
                transport.maxMessageBytes(),
                transport.maxMessageBytes(),
                transport.keepAliveTime(),
                transport.keepAliveTimeout(),
                transport.tls().map(TritonTls::tlsConfig),
                transport.retry().retryConfig(transport.maxMessageBytes()));
    }

    /** For {@code new TritonClient(channel, ...)}. */
    public TritonClientConfig clientConfig() {
        return deadlines.clientConfig();
    }

    /** What {@code TritonClient.bind} checks the served model against at start-up. */
    public ModelExpectation modelExpectation() {
        return MedGemmaContract.expectation(model.name(), model.version());
    }
}
