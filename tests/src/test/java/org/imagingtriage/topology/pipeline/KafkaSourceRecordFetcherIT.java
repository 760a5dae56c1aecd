package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaCluster;
import org.imagingtriage.devstack.kafka.EmbeddedKafkaExtension;
import org.imagingtriage.devstack.kafka.TopicNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link KafkaSourceRecordFetcher} against a real broker: what a restarted task gets back for
 * the pointers it restored, when some records still exist and others are past retention.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class KafkaSourceRecordFetcherIT {

    private static final int RECORDS = 50;

    private final EmbeddedKafkaCluster kafka;
    private String topic;

    KafkaSourceRecordFetcherIT(EmbeddedKafkaCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void fiftyRecordsOnOnePartition() throws Exception {
        topic = TopicNames.unique("refetch");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, bytes("key-" + i), bytes("value-" + i))).get();
            }
        }
    }

    @Test
    void fetchesScatteredOffsetsWithTheirKeysAndValues() {
        // given pointers far apart on one partition
        List<SourceCoordinates> pointers = List.of(at(3), at(27), at(49));

        // when
        RefetchedRecords fetched = fetcher().fetch(pointers);

        // then
        assertThat(fetched.found()).containsOnlyKeys(pointers);
        assertThat(fetched.pastEnd()).isEmpty();
        assertThat(new String(fetched.found().get(at(27)).value(), StandardCharsets.UTF_8)).isEqualTo("value-27");
        assertThat(new String(fetched.found().get(at(49)).key(), StandardCharsets.UTF_8)).isEqualTo("key-49");
    }

    @Test
    void recordsPastRetentionAreMissingWhileTheRestAreFound() throws Exception {
        // given the log start moved to offset 20
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(20)))
                    .all().get(60, TimeUnit.SECONDS);
        }

        // when pointers on both sides of it are fetched
        RefetchedRecords fetched = fetcher().fetch(List.of(at(5), at(19), at(20), at(42)));

        // then only the deleted ones are missing, so only they become SOURCE_RECORD_LOST
        assertThat(fetched.found()).containsOnlyKeys(at(20), at(42));
        assertThat(fetched.pastEnd()).isEmpty();
    }

    @Test
    void anOffsetPastTheEndIsReportedWithTheEndWhileTheOthersAreRead() {
        // given a pointer the partition has not reached (as after a leader change)
        List<SourceCoordinates> pointers = List.of(at(10), at(RECORDS + 5));

        // when
        RefetchedRecords fetched = fetcher().fetch(pointers);

        // then the step can tell a lagging end from a lost record by the pointer's age
        assertThat(fetched.found()).containsOnlyKeys(at(10));
        assertThat(fetched.pastEnd()).containsExactly(Map.entry(at(RECORDS + 5), (long) RECORDS));
    }

    @Test
    void onATransactionalTopicAbortedRecordsAreMissingAndAnOpenTransactionHoldsTheEndBack() throws Exception {
        // given, after the fifty plain records, a committed transaction (offset 50, its marker 51),
        // an aborted one (52, marker 53) and one still open (54)
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("key-committed"), bytes("committed"))).get();
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("key-aborted"), bytes("aborted"))).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("key-open"), bytes("open"))).get();

            // when pointers to each, and to a marker, are fetched while the last is still open
            RefetchedRecords fetched = fetcher().fetch(List.of(at(49), at(50), at(51), at(52), at(54)));

            // then only committed records are found; the open one is past the last stable offset
            assertThat(fetched.found()).containsOnlyKeys(at(49), at(50));
            assertThat(new String(fetched.found().get(at(50)).value(), StandardCharsets.UTF_8))
                    .isEqualTo("committed");
            assertThat(fetched.pastEnd()).containsExactly(Map.entry(at(54), 54L));
            producer.abortTransaction();
        }
    }

    private KafkaProducer<byte[], byte[]> transactionalProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "refetch-it-" + topic),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaSourceRecordFetcher fetcher() {
        return new KafkaSourceRecordFetcher(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), "refetch-it");
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private SourceCoordinates at(long offset) {
        return new SourceCoordinates(topic, 0, offset);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
