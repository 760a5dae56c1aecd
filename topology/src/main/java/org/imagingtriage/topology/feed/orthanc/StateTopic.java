package org.imagingtriage.topology.feed.orthanc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the feeds' state topic when it is missing: one partition (a feed's records must stay
 * in order, and there are few), compacted (only the latest position and one mark per instance
 * are needed). An existing topic that is not compacted is refused: deleting old records by age
 * would make a restarted feed forget what it published.
 */
final class StateTopic {

    private static final Logger LOG = LoggerFactory.getLogger(StateTopic.class);

    private StateTopic() {
    }

    /**
     * @param replicationFactor replicas, or -1 for the broker's default
     */
    static void ensure(Admin admin, String topic, int replicationFactor, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic wanted = new NewTopic(topic, Optional.of(1),
                replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(wanted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("feed=orthanc stage=start topic={} reason=STATE_TOPIC_CREATED", topic);
            return;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            throw new IllegalStateException("the feed state topic " + topic + " has cleanup.policy=" + policy
                    + "; it must be compact alone, or a restarted feed may forget what it published");
        }
    }
}
