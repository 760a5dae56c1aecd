package org.imagingtriage.topology.config;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * A configuration the pipeline cannot start with. The message names the offending keys and how
 * to set them, never a value that may be a credential. It extends Kafka's
 * {@link ConfigException} like the serde's configuration errors, so callers catch one type.
 */
public final class TriageConfigException extends ConfigException {

    private final List<String> keys;

    public TriageConfigException(String key, String message) {
        this(List.of(key), message);
    }

    public TriageConfigException(List<String> keys, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.keys = List.copyOf(keys);
    }

    /** The keys at fault, first the one the message is about; empty when no key is (an unreadable file). */
    public List<String> keys() {
        return keys;
    }
}
