package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The feeds' state read on a real broker, where several feeds share the state topic: another
 * feed's open transaction must not hide this feed's later commits (read_committed readers stop at
 * the last stable offset, before that transaction).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class FeedStateReaderIT {

    @Test
    void anotherFeedsOpenTransactionDelaysTheReadInsteadOfHidingThisFeedsCommits(EmbeddedKafkaCluster kafka)
            throws Exception {
        // given: feed B's transaction open on the shared state topic, then feed A's commit after it
        String topic = TopicNames.unique("feed-state");
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StateTopic.ensure(admin, topic, 1, Duration.ofSeconds(30));
        }
        FeedStateKeys a = new FeedStateKeys("orthanc:a");
        FeedStateKeys b = new FeedStateKeys("orthanc:b");
        try (KafkaProducer<String, byte[]> feedB = producer(bootstrap, TopicNames.unique("feed-b"));
             KafkaProducer<String, byte[]> feedA = producer(bootstrap, TopicNames.unique("feed-a"))) {
            feedB.initTransactions();
            feedB.beginTransaction();
            feedB.send(new ProducerRecord<>(topic, b.published("9.9"), bytes("e"))).get();
            feedA.initTransactions();
            feedA.beginTransaction();
            feedA.send(new ProducerRecord<>(topic, a.published("1.2.3"), bytes("e")));
            feedA.send(new ProducerRecord<>(topic, a.position(), bytes("42")));
            feedA.commitTransaction();

            // when: feed A restarts and reads its state while B's transaction is still open
            CompletableFuture<FeedState> read = CompletableFuture.supplyAsync(() -> read(bootstrap, topic, a));

            // then: the read waits rather than return a state without A's commit
            Thread.sleep(2_000);
            assertThat(read).as("still waiting for feed B's transaction").isNotDone();

            // when: B commits
            feedB.commitTransaction();

            // then: A's state is complete
            FeedState state = read.get(60, TimeUnit.SECONDS);
            assertThat(state.position()).isEqualTo(OptionalLong.of(42));
            assertThat(state.isPublished("1.2.3")).isTrue();
            assertThat(state.isPublished("9.9")).as("another feed's mark").isFalse();
        }
    }

    private static FeedState read(String bootstrap, String topic, FeedStateKeys keys) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                     "isolation.level", "read_committed", "enable.auto.commit", false),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            return FeedStateReader.read(consumer, admin, topic, keys, Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, String transactionalId) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "transactional.id", transactionalId,
                "enable.idempotence", true, "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
