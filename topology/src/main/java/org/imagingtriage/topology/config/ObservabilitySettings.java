package org.imagingtriage.topology.config;

import java.util.regex.Pattern;

/**
 * Where the metrics and health endpoints listen ({@code /metrics}, {@code /health/live},
 * {@code /health/ready}).
 *
 * @param bindAddress the interface to listen on; loopback by default so nothing is exposed
 *     unless the operator says so (a container sets 0.0.0.0)
 * @param port 0 picks a free port (tests)
 */
public record ObservabilitySettings(String bindAddress, int port) {

    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** A host name or an IPv4/IPv6 literal; not resolved here, so loading never waits on DNS. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%_-]+");

    public ObservabilitySettings {
        if (bindAddress == null || !HOST.matcher(bindAddress).matches()) {
            throw new TriageConfigException(ConfigKeys.OBSERVABILITY_HTTP_BIND_ADDRESS,
                    ConfigKeys.OBSERVABILITY_HTTP_BIND_ADDRESS + " must be a host name or an IP address");
        }
        if (port < 0 || port > 65_535) {
            throw new TriageConfigException(ConfigKeys.OBSERVABILITY_HTTP_PORT,
                    ConfigKeys.OBSERVABILITY_HTTP_PORT + " must be between 0 (any free port) and 65535");
        }
    }

    public static ObservabilitySettings defaults() {
        return new ObservabilitySettings(DEFAULT_BIND_ADDRESS, DEFAULT_PORT);
    }

    public static ObservabilitySettings from(ConfigValues values) {
        return new ObservabilitySettings(
                values.string(ConfigKeys.OBSERVABILITY_HTTP_BIND_ADDRESS, DEFAULT_BIND_ADDRESS),
                values.integer(ConfigKeys.OBSERVABILITY_HTTP_PORT, DEFAULT_PORT));
    }
}
