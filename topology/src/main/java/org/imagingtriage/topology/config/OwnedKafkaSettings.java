package org.imagingtriage.topology.config;

import java.util.Map;
import java.util.Optional;

/**
 * Kafka settings the pipeline decides itself. Setting one under {@code kafka.} fails start-up with
 * the reason and, where there is one, the pipeline key to use instead: silently overriding an
 * operator's explicit choice would hide a misunderstanding.
 */
final class OwnedKafkaSettings {

    private static final String SERDES = "the pipeline chooses its own serializers (Avro through the schema "
            + "registry, configured under registry.)";

    private static final Map<String, String> REASONS = Map.of(
            "application.id", "set " + ConfigKeys.PIPELINE_APPLICATION_ID + " instead",
            "processing.guarantee", "set " + ConfigKeys.PIPELINE_PROCESSING_GUARANTEE
                    + " instead (exactly_once_v2 or at_least_once)",
            "transactional.id", "Kafka Streams derives transactional ids itself",
            "isolation.level", "the pipeline reads committed records only, so that output of aborted "
                    + "transactions is never seen",
            "key.serializer", SERDES,
            "value.serializer", SERDES,
            "key.deserializer", SERDES,
            "value.deserializer", SERDES,
            "default.key.serde", SERDES,
            "default.value.serde", SERDES);

    private OwnedKafkaSettings() {
    }

    /** Why {@code key} (without {@code kafka.}, possibly Streams-prefixed) may not be set, if it may not. */
    static Optional<String> refusal(String key) {
        return Optional.ofNullable(REASONS.get(KafkaConfigNames.withoutStreamsPrefix(key)));
    }
}
