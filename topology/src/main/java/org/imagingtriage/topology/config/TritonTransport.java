package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.inference.channel.TritonChannelConfig;
import org.imagingtriage.inference.medgemma.MedGemmaContract;

/**
 * The gRPC channel to Triton.
 *
 * @param maxMessageBytes the largest request and response, both ways; gRPC's default 4 MiB is
 *     less than two 896x896x3 images
 * @param keepAliveTime idle time before a keepalive ping. Triton answers pings more frequent than
 *     every 5 minutes on a quiet connection with GOAWAY unless its ping settings are relaxed
 * @param keepAliveTimeout how long an unanswered ping may take before the connection is dropped
 * @param tls empty for plaintext
 */
public record TritonTransport(int maxMessageBytes, Duration keepAliveTime, Duration keepAliveTimeout,
                              Optional<TritonTls> tls, TritonRetry retry) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = TritonChannelConfig.DEFAULT_MAX_MESSAGE_BYTES;
    /** One preprocessed image, its prompt (at most 8 KiB) and the request's framing. */
    public static final int MIN_MAX_MESSAGE_BYTES = MedGemmaContract.IMAGE_BYTES + 64 * 1024;

    public TritonTransport {
        if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES) {
            throw new TriageConfigException(ConfigKeys.TRITON_MAX_MESSAGE_BYTES, ConfigKeys.TRITON_MAX_MESSAGE_BYTES
                    + " must be at least " + MIN_MAX_MESSAGE_BYTES + " (one 896x896x3 image and its prompt)");
        }
        Durations.requirePositive(keepAliveTime, ConfigKeys.TRITON_KEEPALIVE_TIME_MS);
        if (keepAliveTime.compareTo(TritonChannelConfig.MIN_KEEPALIVE_TIME) < 0) {
            throw new TriageConfigException(ConfigKeys.TRITON_KEEPALIVE_TIME_MS, ConfigKeys.TRITON_KEEPALIVE_TIME_MS
                    + " must be at least " + TritonChannelConfig.MIN_KEEPALIVE_TIME.toMillis()
                    + ": gRPC raises anything shorter to that");
        }
        Durations.requirePositive(keepAliveTimeout, ConfigKeys.TRITON_KEEPALIVE_TIMEOUT_MS);
        Objects.requireNonNull(tls, ConfigKeys.TRITON_TLS_ENABLED);
        Objects.requireNonNull(retry, "retry");
    }

    /** Plaintext with inference-client's channel defaults. */
    public static TritonTransport plaintext() {
        TritonChannelConfig defaults = TritonChannelConfig.plaintext("defaults");
        return new TritonTransport(DEFAULT_MAX_MESSAGE_BYTES, defaults.keepAliveTime(), defaults.keepAliveTimeout(),
                Optional.empty(), TritonRetry.defaults());
    }

    public static TritonTransport from(ConfigValues values) {
        TritonTransport defaults = plaintext();
        return new TritonTransport(
                values.integer(ConfigKeys.TRITON_MAX_MESSAGE_BYTES, defaults.maxMessageBytes()),
                values.millis(ConfigKeys.TRITON_KEEPALIVE_TIME_MS, defaults.keepAliveTime().toMillis()),
                values.millis(ConfigKeys.TRITON_KEEPALIVE_TIMEOUT_MS, defaults.keepAliveTimeout().toMillis()),
                TritonTls.from(values),
                TritonRetry.from(values));
    }

    public TritonTransport withTls(TritonTls tlsSettings) {
        return new TritonTransport(maxMessageBytes, keepAliveTime, keepAliveTimeout, Optional.of(tlsSettings), retry);
    }
}
