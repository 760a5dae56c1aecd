package org.imagingtriage.tests.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * A real Admin client on the embedded broker, except that creating topics fails the way a broker
 * with an authorizer answers a principal without CREATE: per topic, with
 * TopicAuthorizationException, or ClusterAuthorizationException for the names in
 * {@code clusterDenied}. Describing topics and their configs still reaches the broker.
 *
 * <p>Why a wrapper: the shared embedded broker has no authorizer, and a second broker with one
 * would need SASL listeners so that the test's principal differs from the broker's own (on a
 * PLAINTEXT listener both are ANONYMOUS, so denying the test denies the broker).
 */
final class CreateDeniedAdmin extends ForwardingAdmin {

    private final Set<String> clusterDenied;

    CreateDeniedAdmin(Map<String, Object> configs, Set<String> clusterDenied) {
        super(configs);
        this.clusterDenied = Set.copyOf(clusterDenied);
    }

    @Override
    public CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options) {
        Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> results = new LinkedHashMap<>();
        for (NewTopic topic : newTopics) {
            KafkaFutureImpl<CreateTopicsResult.TopicMetadataAndConfig> denied = new KafkaFutureImpl<>();
            denied.completeExceptionally(clusterDenied.contains(topic.name())
                    ? new ClusterAuthorizationException("Cluster authorization failed.")
                    : new TopicAuthorizationException(Set.of(topic.name())));
            results.put(topic.name(), denied);
        }
        return new CreateTopicsResult(results) {
        };
    }
}
