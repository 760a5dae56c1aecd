package org.imagingtriage.topology.config;

import org.apache.kafka.streams.StreamsConfig;

/** The Streams processing guarantees Kafka 4 offers. */
public enum ProcessingGuarantee {
    /** Every event yields exactly one draft or dead letter, even across crashes (the design's choice). */
    EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2),
    /** Cheaper, but a crash may publish a draft twice. */
    AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

    private final String configValue;

    ProcessingGuarantee(String configValue) {
        this.configValue = configValue;
    }

    /** As Streams' {@code processing.guarantee} spells it. */
    public String configValue() {
        return configValue;
    }

    @Override
    public String toString() {
        return configValue;
    }
}
