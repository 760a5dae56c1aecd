package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Map<SourceCoordinates, SourceRecord> found = fetcher().fetch(pointers);

        // then
        assertThat(found).containsOnlyKeys(pointers);
        assertThat(new String(found.get(at(27)).value(), StandardCharsets.UTF_8)).isEqualTo("value-27");
        assertThat(new String(found.get(at(49)).key(), StandardCharsets.UTF_8)).isEqualTo("key-49");
    }

    @Test
    void recordsPastRetentionAreMissingWhileTheRestAreFound() throws Exception {
        // given the log start moved to offset 20
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(20)))
                    .all().get(60, TimeUnit.SECONDS);
        }

        // when pointers on both sides of it are fetched
        Map<SourceCoordinates, SourceRecord> found = fetcher().fetch(List.of(at(5), at(19), at(20), at(42)));

        // then only the deleted ones are missing, so only they become SOURCE_RECORD_LOST
        assertThat(found).containsOnlyKeys(at(20), at(42));
    }

    @Test
    void anOffsetPastTheEndIsTransientNotLost() {
        // given a pointer the partition has not reached (as after a leader change)
        List<SourceCoordinates> pointers = List.of(at(10), at(RECORDS + 5));

        // then the task is retried rather than dead-lettering the record
        assertThatThrownBy(() -> fetcher().fetch(pointers))
                .isInstanceOf(StillTransientException.class)
                .hasRootCauseMessage("offset " + (RECORDS + 5) + " of " + topic + "-0 is at or past the end offset "
                        + RECORDS);
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
