package org.imagingtriage.tests.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.imagingtriage.topology.config.TopicFinding;
import org.imagingtriage.topology.config.TopicProvisioner;
import org.imagingtriage.topology.config.TopicProvisioningException;
import org.imagingtriage.topology.config.TopicReport;
import org.imagingtriage.topology.config.TopicRole;
import org.imagingtriage.topology.config.TopicSpec;
import org.imagingtriage.topology.config.TriageConfig;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TopicProvisioner} against a real KRaft broker: the topics it creates, what it finds wrong
 * with existing ones, and its fallback when it may not create. Every test configures its own topic
 * names, so tests sharing the broker never see each other's topics.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TopicProvisionerIT {

    private static final long WAIT_SECONDS = 60;

    private final EmbeddedKafkaCluster kafka;
    private Map<TopicRole, String> names;

    TopicProvisionerIT(EmbeddedKafkaCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void uniqueTopicNames() {
        names = new HashMap<>();
        for (TopicRole role : TopicRole.values()) {
            names.put(role, TopicNames.unique(role.id()));
        }
    }

    /** The pipeline's configuration on the embedded broker, with this test's topic names. */
    private TriageConfig config(Map<String, String> changes) {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("registry.url", "http://127.0.0.1:8081");
        properties.put("triton.target", "127.0.0.1:8001");
        properties.put("topics.partitions", "2");
        names.forEach((role, name) -> properties.put(role.nameKey(), name));
        properties.putAll(changes);
        return TriageConfigLoader.fromProperties(properties, Map.of());
    }

    private TriageConfig config() {
        return config(Map.of());
    }

    private TopicReport provision(TriageConfig config) {
        try (Admin admin = Admin.create(config.adminConfig())) {
            return TopicProvisioner.forConfig(config).provision(admin);
        }
    }

    @Test
    void createsMissingTopicsWithTheConfiguredSettings() throws Exception {
        // given
        TriageConfig config = config();

        // when
        TopicReport report = provision(config);

        // then
        assertThat(report.findings()).isEmpty();
        assertThat(report.created()).containsExactlyInAnyOrderElementsOf(names.values());
        assertThat(partitions()).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(2));
        Map<String, Map<String, String>> configs = topicConfigs();
        assertThat(configs.get(names.get(TopicRole.EVENTS)))
                .containsEntry("max.message.bytes", "16777216")
                .containsEntry("retention.ms", "604800000")
                .containsEntry("cleanup.policy", "delete");
        assertThat(configs.get(names.get(TopicRole.PRIORITY_EVENTS)))
                .containsEntry("max.message.bytes", "16777216")
                .containsEntry("retention.ms", "604800000");
        assertThat(configs.get(names.get(TopicRole.DEAD_LETTERS)))
                .containsEntry("max.message.bytes", "16777216")
                .containsEntry("retention.ms", "2592000000");
        assertThat(configs.get(names.get(TopicRole.DRAFTS))).containsEntry("cleanup.policy", "compact");
        assertThat(configs.get(names.get(TopicRole.REVIEWS))).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void provisioningAgainChangesNothingAndFindsNothing() {
        // given
        TriageConfig config = config();
        provision(config);

        // when
        TopicReport again = provision(config);

        // then
        assertThat(again.created()).isEmpty();
        assertThat(again.findings()).isEmpty();
        assertThat(again.throwIfErrors()).isSameAs(again);
    }

    @Test
    void reportsAnEventsTopicTooSmallForInlineImages() {
        // given
        String events = names.get(TopicRole.EVENTS);
        kafka.createTopics(new NewTopic(events, 2, (short) 1).configs(Map.of("max.message.bytes", "1048588")));

        // when
        TopicReport report = provision(config());

        // then
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.topic()).isEqualTo(events);
            assertThat(finding.setting()).isEqualTo("max.message.bytes");
            assertThat(finding.message()).contains("has max.message.bytes=1048588, too small for events with inline "
                    + "images up to limits.max.inline.image.bytes");
        });
        assertThat(report.created()).hasSize(4).doesNotContain(events);
        assertThatThrownBy(report::throwIfErrors)
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("topic " + events + " has max.message.bytes=1048588");
    }

    @Test
    void reportsADraftsTopicThatIsNotCompacted() {
        // given
        String drafts = names.get(TopicRole.DRAFTS);
        kafka.createTopics(new NewTopic(drafts, 2, (short) 1).configs(Map.of("cleanup.policy", "delete")));

        // when
        TopicReport report = provision(config());

        // then
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.topic()).isEqualTo(drafts);
            assertThat(finding.message()).contains("has cleanup.policy=delete but must be compacted");
        });
    }

    @Test
    void fewerPartitionsFailOnlyWhenTheTopicsMustMatch() {
        // given
        String priority = names.get(TopicRole.PRIORITY_EVENTS);
        kafka.createTopic(priority, 1);

        // when
        TopicReport strict = provision(config());
        TopicReport lenient = provision(config(Map.of("topics.require.match", "false")));

        // then
        assertThat(strict.errors()).singleElement().extracting(TopicFinding::message).asString()
                .startsWith("topic " + priority + " has 1 partitions, fewer than topics.priority.partitions=2");
        assertThat(lenient.errors()).isEmpty();
        assertThat(lenient.warnings()).extracting(TopicFinding::setting).containsExactly("partitions");
    }

    @Test
    void checksInsteadWhenThePrincipalMayNotCreateTopics() {
        // given: drafts exists as it should, events exists too small, the rest is missing
        kafka.createTopics(
                new NewTopic(names.get(TopicRole.DRAFTS), 2, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(names.get(TopicRole.EVENTS), 2, (short) 1).configs(Map.of("max.message.bytes", "1048588")));
        TriageConfig config = config();
        String reviews = names.get(TopicRole.REVIEWS);

        // when
        TopicReport report;
        try (Admin admin = new CreateDeniedAdmin(config.adminConfig(), Set.of(reviews))) {
            report = TopicProvisioner.forConfig(config).provision(admin);
        }

        // then
        assertThat(report.created()).isEmpty();
        Map<String, String> errors = report.errors().stream()
                .collect(Collectors.toMap(TopicFinding::topic, TopicFinding::message));
        assertThat(errors).containsOnlyKeys(names.get(TopicRole.EVENTS), names.get(TopicRole.PRIORITY_EVENTS),
                names.get(TopicRole.DEAD_LETTERS), reviews);
        assertThat(errors.get(names.get(TopicRole.DEAD_LETTERS)))
                .contains("is missing and the principal may not create topics")
                .contains("max.message.bytes=16777216")
                .contains("retention.ms=2592000000")
                .contains("kafka-topics.sh --bootstrap-server BROKERS --create --topic "
                        + names.get(TopicRole.DEAD_LETTERS) + " --partitions 2");
        assertThat(errors.get(reviews)).contains("cleanup.policy=compact");
        assertThat(errors.get(names.get(TopicRole.EVENTS))).contains("max.message.bytes=1048588");
        assertThat(partitions()).containsOnlyKeys(names.get(TopicRole.DRAFTS), names.get(TopicRole.EVENTS));
    }

    @Test
    void aTopicSomeoneElseJustCreatedIsCheckedOnceTheBrokerKnowsIt() {
        // given: every topic exists as specified, but the broker's metadata lags: the first
        // description and the one after the creation attempt (TopicExistsException) both say
        // "unknown topic"
        TriageConfig config = config();
        kafka.createTopics(TopicProvisioner.forConfig(config).specs().stream().map(TopicSpec::newTopic).toList());

        // when
        TopicReport report;
        int staleLeft;
        try (LaggingMetadataAdmin admin = new LaggingMetadataAdmin(config.adminConfig(), 2)) {
            report = TopicProvisioner.forConfig(config).provision(admin);
            staleLeft = admin.staleDescribesLeft();
        }

        // then: described again until visible, and found as specified
        assertThat(staleLeft).isZero();
        assertThat(report.created()).isEmpty();
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void checkModeNeverCreates() {
        // given
        TriageConfig config = config(Map.of("topics.provisioning", "check"));

        // when
        TopicReport report = provision(config);

        // then
        assertThat(report.created()).isEmpty();
        assertThat(report.errors()).hasSize(5).allSatisfy(finding -> assertThat(finding.message())
                .contains("is missing and topics.provisioning is check"));
        assertThat(partitions()).isEmpty();
    }

    @Test
    void anUnreachableClusterFailsWithinTheAdminTimeout() {
        // given: a port nothing listens on
        Map<String, String> unreachable = Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "topics.admin.timeout.ms", "1500");
        TriageConfig config = config(unreachable);

        // when / then
        Admin admin = Admin.create(config.adminConfig());
        try {
            assertThatThrownBy(() -> TopicProvisioner.forConfig(config).provision(admin))
                    .isInstanceOf(TopicProvisioningException.class)
                    .hasMessageContaining("Kafka did not answer within topics.admin.timeout.ms");
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Partition counts of this test's topics that exist. */
    private Map<String, Integer> partitions() {
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            Set<String> existing = admin.listTopics().names().get(WAIT_SECONDS, TimeUnit.SECONDS);
            List<String> ours = names.values().stream().filter(existing::contains).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(ours).allTopicNames()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            return descriptions.values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, description -> description.partitions().size()));
        } catch (Exception e) {
            throw new AssertionError("could not describe the test's topics", e);
        }
    }

    /** The effective configs of this test's topics, as describeConfigs reports them. */
    private Map<String, Map<String, String>> topicConfigs() throws Exception {
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            List<ConfigResource> resources = names.values().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            Map<String, Map<String, String>> byTopic = new HashMap<>();
            configs.forEach((resource, config) -> byTopic.put(resource.name(), config.entries().stream()
                    .filter(entry -> entry.value() != null)
                    .collect(Collectors.toMap(entry -> entry.name(), entry -> entry.value()))));
            return byTopic;
        }
    }
}
