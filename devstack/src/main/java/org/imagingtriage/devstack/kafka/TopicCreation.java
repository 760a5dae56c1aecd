package org.imagingtriage.devstack.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics through a short-lived Admin client, with a bounded wait that lasts until the
 * broker describes every new topic: the controller confirms a creation before the broker's
 * metadata has caught up, and a test that describes the topic right away would see it missing.
 */
final class TopicCreation {

    private static final long POLL_MILLIS = 50;

    private TopicCreation() {
    }

    static void createAll(Map<String, Object> adminConfig, Collection<NewTopic> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            admin.createTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitDescribable(admin, topics.stream().map(NewTopic::name).toList(), deadline);
        } catch (ExecutionException e) {
            throw new KafkaException("could not create topics " + names(topics) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("creating topics " + names(topics) + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics " + names(topics), e);
        }
    }

    private static void awaitDescribable(Admin admin, List<String> names, long deadline)
            throws InterruptedException, TimeoutException, ExecutionException {
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                if (remainingMillis(deadline) <= POLL_MILLIS) {
                    throw new TimeoutException("topics " + names + " not yet described by the broker");
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String names(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList().toString();
    }
}
