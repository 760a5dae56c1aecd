package org.imagingtriage.topology.config;

/** URI schemes an {@code ImageRef} may use. */
public enum ReferenceScheme {
    FILE("file"),
    HTTP("http"),
    HTTPS("https");

    private final String configValue;

    ReferenceScheme(String configValue) {
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
