package org.imagingtriage.topology.config;

import java.util.HashMap;
import java.util.Map;

/** The smallest valid configuration, and variations of it, for tests. */
final class TestConfigs {

    static final String BOOTSTRAP = "broker-1:9092,broker-2:9092";
    static final String REGISTRY_URL = "http://registry:8081/apis/ccompat/v7";
    static final String TRITON_TARGET = "triton:8001";

    private TestConfigs() {
    }

    /** The three required keys. */
    static Map<String, String> minimal() {
        Map<String, String> properties = new HashMap<>();
        properties.put(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, BOOTSTRAP);
        properties.put(ConfigKeys.REGISTRY_URL, REGISTRY_URL);
        properties.put(ConfigKeys.TRITON_TARGET, TRITON_TARGET);
        return properties;
    }

    /** {@link #minimal()} with some keys changed; a null value removes the key. */
    static Map<String, String> with(Map<String, String> changes) {
        Map<String, String> properties = minimal();
        changes.forEach((key, value) -> {
            if (value == null) {
                properties.remove(key);
            } else {
                properties.put(key, value);
            }
        });
        return properties;
    }

    static TriageConfig load(Map<String, String> properties) {
        return TriageConfigLoader.fromProperties(properties, Map.of());
    }
}
