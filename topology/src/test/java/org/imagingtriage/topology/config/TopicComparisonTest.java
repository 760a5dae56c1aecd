package org.imagingtriage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imagingtriage.topology.config.TopicFinding.Severity;
import org.junit.jupiter.api.Test;

class TopicComparisonTest {

    private static final Map<TopicRole, TopicSpec> SPECS = specs();

    private static Map<TopicRole, TopicSpec> specs() {
        TriageConfig config = TestConfigs.load(TestConfigs.with(Map.of(ConfigKeys.TOPICS_REPLICATION_FACTOR, "3")));
        Map<TopicRole, TopicSpec> byRole = new HashMap<>();
        TopicSpec.of(config.topics(), config.limits()).forEach(spec -> byRole.put(spec.definition().role(), spec));
        return byRole;
    }

    /** The topic exactly as the spec wants it. */
    private static ObservedTopic matching(TopicRole role, Map<String, String> configChanges) {
        TopicSpec spec = SPECS.get(role);
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.putAll(configChanges);
        return new ObservedTopic(spec.name(), spec.definition().partitions(), 3, Optional.of(configs));
    }

    @Test
    void aTopicAsConfiguredHasNoFindings() {
        // given
        List<TopicRole> roles = List.of(TopicRole.values());

        // when / then
        assertThat(roles).allSatisfy(role -> assertThat(
                TopicComparison.compare(SPECS.get(role), matching(role, Map.of()), true)).isEmpty());
    }

    @Test
    void maxMessageBytesTooSmallForInlineImagesIsAlwaysAnError() {
        // given
        ObservedTopic events = matching(TopicRole.EVENTS, Map.of("max.message.bytes", "1048588"));

        // when
        List<TopicFinding> findings = TopicComparison.compare(SPECS.get(TopicRole.EVENTS), events, false);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.setting()).isEqualTo("max.message.bytes");
            assertThat(finding.message()).contains("topic imaging.events has max.message.bytes=1048588, too small for "
                    + "events with inline images up to limits.max.inline.image.bytes (they need 16777216 bytes")
                    .contains("--add-config max.message.bytes=16777216");
        });
    }

    @Test
    void maxMessageBytesBelowConfiguredButEnoughIsAWarning() {
        // given
        TopicSpec spec = new TopicSpec(SPECS.get(TopicRole.DEAD_LETTERS).definition(), 3,
                Map.of("cleanup.policy", "delete", "retention.ms", "2592000000", "max.message.bytes", "33554432"),
                16 * 1024 * 1024);
        ObservedTopic dlq = matching(TopicRole.DEAD_LETTERS, Map.of("max.message.bytes", "16777216"));

        // when
        List<TopicFinding> findings = TopicComparison.compare(spec, dlq, true);

        // then
        assertThat(findings).singleElement().extracting(TopicFinding::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void draftsThatAreNotCompactedAreAlwaysAnError() {
        // given
        ObservedTopic drafts = matching(TopicRole.DRAFTS, Map.of("cleanup.policy", "delete"));

        // when
        List<TopicFinding> findings = TopicComparison.compare(SPECS.get(TopicRole.DRAFTS), drafts, false);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.isError()).isTrue();
            assertThat(finding.message()).startsWith("topic triage.drafts has cleanup.policy=delete but must be "
                    + "compacted (cleanup.policy=compact): it is keyed by SOP Instance UID");
        });
    }

    @Test
    void compactAndDeleteIsAWarning() {
        // given
        ObservedTopic reviews = matching(TopicRole.REVIEWS, Map.of("cleanup.policy", "compact,delete"));

        // when
        List<TopicFinding> findings = TopicComparison.compare(SPECS.get(TopicRole.REVIEWS), reviews, true);

        // then
        assertThat(findings).singleElement().extracting(TopicFinding::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void fewerPartitionsFailOnlyWhenTheTopicsMustMatch() {
        // given
        TopicSpec spec = SPECS.get(TopicRole.EVENTS);
        ObservedTopic events = new ObservedTopic(spec.name(), 2, 3, Optional.of(spec.configs()));

        // when
        List<TopicFinding> strict = TopicComparison.compare(spec, events, true);
        List<TopicFinding> lenient = TopicComparison.compare(spec, events, false);

        // then
        assertThat(strict).singleElement().satisfies(finding -> {
            assertThat(finding.isError()).isTrue();
            assertThat(finding.message()).startsWith("topic imaging.events has 2 partitions, fewer than "
                    + "topics.events.partitions=6").endsWith("(set topics.require.match=false to run anyway)");
        });
        assertThat(lenient).singleElement().extracting(TopicFinding::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void addingPartitionsToACompactedTopicIsNotAdvised() {
        // given
        TopicSpec spec = SPECS.get(TopicRole.DRAFTS);
        ObservedTopic drafts = new ObservedTopic(spec.name(), 1, 3, Optional.of(spec.configs()));

        // when
        List<TopicFinding> findings = TopicComparison.compare(spec, drafts, true);

        // then
        assertThat(findings).singleElement().extracting(TopicFinding::message).asString()
                .contains("adding partitions to a compacted topic moves keys");
    }

    @Test
    void morePartitionsOrLongerRetentionAreHarmless() {
        // given
        TopicSpec spec = SPECS.get(TopicRole.EVENTS);
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.put("retention.ms", "-1");
        ObservedTopic events = new ObservedTopic(spec.name(), 12, 3, Optional.of(configs));

        // when
        List<TopicFinding> findings = TopicComparison.compare(spec, events, true);

        // then
        assertThat(findings).hasSize(2).allSatisfy(finding -> assertThat(finding.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void shorterRetentionAndFewerReplicasFollowRequireMatch() {
        // given
        TopicSpec spec = SPECS.get(TopicRole.DEAD_LETTERS);
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.put("retention.ms", "86400000");
        ObservedTopic dlq = new ObservedTopic(spec.name(), 6, 1, Optional.of(configs));

        // when
        List<TopicFinding> findings = TopicComparison.compare(spec, dlq, true);

        // then
        assertThat(findings).extracting(TopicFinding::setting).containsExactlyInAnyOrder("replication.factor", "retention.ms");
        assertThat(findings).allSatisfy(finding -> assertThat(finding.isError()).isTrue());
    }

    @Test
    void unreadableConfigsAreAWarningNotAGuess() {
        // given
        TopicSpec spec = SPECS.get(TopicRole.DRAFTS);
        ObservedTopic drafts = new ObservedTopic(spec.name(), 6, 3, Optional.empty());

        // when
        List<TopicFinding> findings = TopicComparison.compare(spec, drafts, true);

        // then
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.message()).contains("needs DESCRIBE_CONFIGS");
        });
    }

    @Test
    void aReportFailsWithEveryErrorAtOnce() {
        // given
        TopicReport report = new TopicReport(List.of("imaging.events"), List.of(
                TopicFinding.warning("a", "partitions", "warning a"),
                TopicFinding.error("b", "missing", "error b"),
                TopicFinding.error("c", "cleanup.policy", "error c")));

        // when / then
        assertThat(report.errors()).extracting(TopicFinding::topic).containsExactly("b", "c");
        assertThat(report.warnings()).extracting(TopicFinding::topic).containsExactly("a");
        assertThatThrownBy(report::throwIfErrors)
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessage("the pipeline's topics are not usable:\n- error b\n- error c");
    }
}
