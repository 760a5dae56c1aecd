package org.imagingtriage.schemas.serde;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/** How a record's schema maps to a registry subject, as Confluent's strategies do. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} or {@code <topic>-value}: one schema per topic (Confluent's default). */
    TOPIC_NAME("TopicNameStrategy"),
    /** The record's full name: one schema per record type, across topics. */
    RECORD_NAME("RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: several record types per topic. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    public static final String KEY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_CONFIG = "value.subject.name.strategy";

    private final String confluentSimpleName;

    SubjectNameStrategy(String confluentSimpleName) {
        this.confluentSimpleName = confluentSimpleName;
    }

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /**
     * Accepts Confluent's class names (for example
     * {@code io.confluent.kafka.serializers.subject.RecordNameStrategy}), their simple names and
     * this enum's names, so configs move between the two serializers unchanged.
     */
    public static SubjectNameStrategy parse(String configKey, String value) {
        String simple = value.substring(value.lastIndexOf('.') + 1);
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.confluentSimpleName.equals(simple) || strategy.name().equals(value.toUpperCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new ConfigException(configKey + " must be TopicNameStrategy, RecordNameStrategy or "
                + "TopicRecordNameStrategy (optionally with Confluent's package name), not " + value);
    }
}
