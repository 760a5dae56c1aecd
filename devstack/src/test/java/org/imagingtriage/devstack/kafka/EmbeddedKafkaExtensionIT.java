package org.imagingtriage.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaExtensionIT {

    private final EmbeddedKafkaCluster injectedIntoConstructor;

    EmbeddedKafkaExtensionIT(EmbeddedKafkaCluster kafka) {
        this.injectedIntoConstructor = kafka;
    }

    @Test
    void everyInjectionPointGetsTheRunsSharedCluster(EmbeddedKafkaCluster cluster, KafkaEndpoint endpoint) {
        // given: one cluster injected into the constructor, two into this method

        // then: all three are the run's shared node
        assertThat(cluster).isSameAs(endpoint).isSameAs(injectedIntoConstructor);
        assertThat(cluster.bootstrapServers()).startsWith("localhost:");
    }

    @Test
    void sharedClusterRunsTheProductionFeatureLevels(EmbeddedKafkaCluster cluster) throws Exception {
        // given
        try (Admin admin = Admin.create(cluster.adminConfig())) {
            // when
            Map<String, FinalizedVersionRange> finalized = admin.describeFeatures().featureMetadata()
                    .get(10, TimeUnit.SECONDS).finalizedFeatures();

            // then: the levels a production broker formatted at the same metadata version has
            MetadataVersion production = MetadataVersion.LATEST_PRODUCTION;
            assertThat(finalized.get(MetadataVersion.FEATURE_NAME).maxVersionLevel())
                    .isEqualTo(production.featureLevel());
            for (Feature feature : Feature.PRODUCTION_FEATURES) {
                if (feature != Feature.KRAFT_VERSION && feature.defaultLevel(production) > 0) {
                    assertThat(finalized).as("finalized %s", feature.featureName())
                            .containsKey(feature.featureName());
                    assertThat(finalized.get(feature.featureName()).maxVersionLevel())
                            .as("level of %s", feature.featureName())
                            .isEqualTo(feature.defaultLevel(production));
                }
            }
            assertThat(finalized).containsKeys("transaction.version", "group.version");
        }
    }
}
