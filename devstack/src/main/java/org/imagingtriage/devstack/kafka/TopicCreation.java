package org.imagingtriage.devstack.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;

/** Creates topics through a short-lived Admin client, with a bounded wait. */
final class TopicCreation {

    private TopicCreation() {
    }

    static void createAll(Map<String, Object> adminConfig, Collection<NewTopic> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("could not create topics " + names(topics) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("creating topics " + names(topics) + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics " + names(topics), e);
        }
    }

    private static String names(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList().toString();
    }
}
