package org.imagingtriage.topology.config;

import java.util.Objects;

/**
 * What the pipeline decides about its Kafka Streams application, rather than passing through.
 *
 * @param applicationId Streams' {@code application.id}: the consumer group, the prefix of internal
 *     topics and of transactional ids. Two pipelines with one id share their work
 * @param processingGuarantee Streams' {@code processing.guarantee}
 */
public record PipelineSettings(String applicationId, ProcessingGuarantee processingGuarantee) {

    public static final String DEFAULT_APPLICATION_ID = "imaging-triage";

    public PipelineSettings {
        if (applicationId == null || applicationId.isBlank()) {
            throw new TriageConfigException(ConfigKeys.PIPELINE_APPLICATION_ID,
                    ConfigKeys.PIPELINE_APPLICATION_ID + " must not be blank");
        }
        // Internal topic names are built from it, so it must be a legal topic name prefix.
        if (!TopicNameRules.isLegalName(applicationId)) {
            throw new TriageConfigException(ConfigKeys.PIPELINE_APPLICATION_ID, ConfigKeys.PIPELINE_APPLICATION_ID
                    + " may contain only ASCII letters, digits, '.', '_' and '-'");
        }
        Objects.requireNonNull(processingGuarantee, ConfigKeys.PIPELINE_PROCESSING_GUARANTEE);
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(DEFAULT_APPLICATION_ID, ProcessingGuarantee.EXACTLY_ONCE_V2);
    }

    public static PipelineSettings from(ConfigValues values) {
        return new PipelineSettings(
                values.string(ConfigKeys.PIPELINE_APPLICATION_ID, DEFAULT_APPLICATION_ID),
                values.choice(ConfigKeys.PIPELINE_PROCESSING_GUARANTEE, ProcessingGuarantee.EXACTLY_ONCE_V2,
                        ProcessingGuarantee::configValue));
    }
}
