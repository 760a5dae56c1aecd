package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What only code can get wrong, since the loader never builds it: the records check it all the same. */
class RecordValidationTest {

    @Test
    void aBlankApplicationIdIsRefused() {
        assertThatThrownBy(() -> new PipelineSettings(" ", ProcessingGuarantee.EXACTLY_ONCE_V2))
                .isInstanceOf(TriageConfigException.class)
                .hasMessage("pipeline.application.id must not be blank");
    }

    @Test
    void aBlankModelNameIsRefused() {
        assertThatThrownBy(() -> new TritonModel("", "", OptionalInt.empty(), Optional.empty()))
                .isInstanceOf(TriageConfigException.class)
                .hasMessage("triton.model.name must not be blank");
    }

    @Test
    void aBlankTargetIsRefusedWithBothWaysToSetIt() {
        assertThatThrownBy(() -> TritonSettings.defaults(" "))
                .isInstanceOf(TriageConfigException.class)
                .hasMessage("triton.target is required: set triton.target in the configuration file or the "
                        + "environment variable TRIAGE_TRITON_TARGET");
    }

    @Test
    void aBlankTlsAuthorityIsRefused() {
        assertThatThrownBy(() -> new TritonTls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(" ")))
                .isInstanceOf(TriageConfigException.class)
                .hasMessage("triton.tls.authority must not be blank");
    }

    @Test
    void aTopicDefinitionMustSitInItsRole() {
        TopicSettings defaults = TopicSettings.defaults();
        assertThatThrownBy(() -> new TopicSettings(defaults.drafts(), defaults.priorityEvents(), defaults.events(),
                defaults.deadLetters(), defaults.reviews(), -1, defaults.maxMessageBytes(), ProvisioningMode.CREATE,
                true, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the events topic was given the definition of drafts");
    }

    @Test
    void aCompactedTopicHasNoRetention() {
        assertThatThrownBy(() -> new TopicDefinition(TopicRole.DRAFTS, "triage.drafts", 1,
                Optional.of(Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic drafts is compacted and has no retention time");
    }

    @Test
    void kafkaSettingsNeedTheBrokers() {
        assertThatThrownBy(() -> new KafkaSettings(Map.of("client.id", "x")))
                .isInstanceOf(TriageConfigException.class)
                .hasMessageStartingWith("kafka.bootstrap.servers is required: set kafka.bootstrap.servers in the "
                        + "configuration file or the environment variable TRIAGE_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void registrySettingsTakeOnlyTheSerdesNames() {
        assertThatThrownBy(() -> new RegistrySettings(Map.of("schema.registry.url", "http://r",
                "bogus.setting", "x")))
                .isInstanceOf(TriageConfigException.class)
                .hasMessage("the schema registry serde has no setting bogus.setting");
    }
}
