package org.imagingtriage.schemas.serde;

import java.util.Map;
import java.util.Objects;
import org.imagingtriage.schemas.registry.ConfigReader;
import org.imagingtriage.schemas.registry.RegistryClientConfig;

/**
 * Serializer and deserializer settings, read from Confluent's config names.
 *
 * @param registry               how to reach the registry
 * @param autoRegisterSchemas    {@code auto.register.schemas}: register the record's schema when writing
 * @param useLatestVersion       {@code use.latest.version}: write with the subject's latest schema
 * @param keySubjectStrategy     {@code key.subject.name.strategy}
 * @param valueSubjectStrategy   {@code value.subject.name.strategy}
 * @param specificAvroReader     {@code specific.avro.reader}: read generated classes rather than generic records
 */
public record AvroSerdeConfig(
        RegistryClientConfig registry,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        SubjectNameStrategy keySubjectStrategy,
        SubjectNameStrategy valueSubjectStrategy,
        boolean specificAvroReader) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    public AvroSerdeConfig {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(keySubjectStrategy, SubjectNameStrategy.KEY_CONFIG);
        Objects.requireNonNull(valueSubjectStrategy, SubjectNameStrategy.VALUE_CONFIG);
    }

    /** Confluent's defaults: auto-register on, latest off, TopicNameStrategy, generic reader. */
    public static AvroSerdeConfig fromConfluentConfigs(Map<String, ?> configs) {
        ConfigReader reader = new ConfigReader(configs);
        return new AvroSerdeConfig(
                RegistryClientConfig.fromConfluentConfigs(configs),
                reader.bool(AUTO_REGISTER_SCHEMAS, true),
                reader.bool(USE_LATEST_VERSION, false),
                reader.string(SubjectNameStrategy.KEY_CONFIG)
                        .map(v -> SubjectNameStrategy.parse(SubjectNameStrategy.KEY_CONFIG, v))
                        .orElse(SubjectNameStrategy.TOPIC_NAME),
                reader.string(SubjectNameStrategy.VALUE_CONFIG)
                        .map(v -> SubjectNameStrategy.parse(SubjectNameStrategy.VALUE_CONFIG, v))
                        .orElse(SubjectNameStrategy.TOPIC_NAME),
                reader.bool(SPECIFIC_AVRO_READER, false));
    }

    public SubjectNameStrategy subjectStrategy(boolean isKey) {
        return isKey ? keySubjectStrategy : valueSubjectStrategy;
    }
}
