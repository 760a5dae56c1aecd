package org.imagingtriage.topology.config;

import java.util.Objects;

/**
 * One difference between a topic and what the pipeline needs.
 *
 * @param topic the topic's name
 * @param setting what differs, e.g. {@code max.message.bytes}, {@code partitions} or {@code missing}
 */
public record TopicFinding(String topic, String setting, Severity severity, String message) {

    /** ERROR stops start-up; WARNING is logged and the pipeline runs. */
    public enum Severity { ERROR, WARNING }

    public TopicFinding {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static TopicFinding error(String topic, String setting, String message) {
        return new TopicFinding(topic, setting, Severity.ERROR, message);
    }

    static TopicFinding warning(String topic, String setting, String message) {
        return new TopicFinding(topic, setting, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
