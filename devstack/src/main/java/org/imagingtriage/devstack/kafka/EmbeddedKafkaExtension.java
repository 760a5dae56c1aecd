package org.imagingtriage.devstack.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link EmbeddedKafkaCluster} (or {@link KafkaEndpoint}) as a parameter (constructor, lifecycle or test
 * method). One node is started for the whole test run, on first use, and shared by every test
 * class; JUnit closes it when the run ends because it lives in the root context's store, where
 * JUnit closes stored {@link AutoCloseable} values (its default since 5.13).
 *
 * <p>Because the node is shared, tests must use their own topic names, for instance from
 * {@link TopicNames#unique(String)}, and their own consumer group and transactional ids.
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final String CLUSTER_KEY = "cluster";

    /** The run's shared node, started on first call. Other extensions may use this too. */
    public static EmbeddedKafkaCluster sharedCluster(ExtensionContext context) {
        // The root store's computeIfAbsent is atomic per key, so test classes running in
        // parallel still get one node.
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                CLUSTER_KEY,
                key -> EmbeddedKafkaCluster.started(EmbeddedKafkaConfig.defaults()),
                EmbeddedKafkaCluster.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EmbeddedKafkaCluster.class || type == KafkaEndpoint.class;
    }

    @Override
    public EmbeddedKafkaCluster resolveParameter(ParameterContext parameterContext,
                                                 ExtensionContext extensionContext) {
        return sharedCluster(extensionContext);
    }
}
