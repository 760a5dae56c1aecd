package org.imagingtriage.topology.config;

/** How the pipeline calls Triton. */
public enum InferenceMode {
    /** Many requests in flight so Triton's dynamic batcher can fill batches; results forwarded on the stream thread. */
    ASYNC("async"),
    /** One blocking call per record: the baseline the async mode is measured against. */
    BLOCKING("blocking");

    private final String configValue;

    InferenceMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    @Override
    public String toString() {
        return configValue;
    }
}
