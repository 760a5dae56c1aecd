package org.imagingtriage.tests.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicCollection.TopicNameCollection;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * A real Admin client on the embedded broker whose first {@code staleDescribes} topic
 * descriptions answer "unknown topic", as a broker does whose metadata has not yet caught up with
 * a topic the controller just created. Creating topics still reaches the broker, so creating one
 * that exists fails with TopicExistsException as it would.
 */
final class LaggingMetadataAdmin extends ForwardingAdmin {

    private final AtomicInteger staleDescribes;

    LaggingMetadataAdmin(Map<String, Object> configs, int staleDescribes) {
        super(configs);
        this.staleDescribes = new AtomicInteger(staleDescribes);
    }

    @Override
    public DescribeTopicsResult describeTopics(TopicCollection topics,
                                               DescribeTopicsOptions options) {
        if (staleDescribes.getAndDecrement() <= 0) {
            return super.describeTopics(topics, options);
        }
        Collection<String> names = ((TopicNameCollection) topics).topicNames();
        Map<String, KafkaFuture<TopicDescription>> unknown = new LinkedHashMap<>();
        for (String name : names) {
            KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
            future.completeExceptionally(new UnknownTopicOrPartitionException("This server does not host this topic"));
            unknown.put(name, future);
        }
        return new DescribeTopicsResult(null, unknown) {
        };
    }

    /** Descriptions still to answer "unknown topic". */
    int staleDescribesLeft() {
        return Math.max(0, staleDescribes.get());
    }
}
