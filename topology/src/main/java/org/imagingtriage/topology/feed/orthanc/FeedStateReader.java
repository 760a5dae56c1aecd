package org.imagingtriage.topology.feed.orthanc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds a feed's {@link FeedState} by reading the compacted state topic from the beginning to
 * its end, as a read_committed consumer assigned to every partition: only what committed
 * transactions wrote counts, and a feed that died mid-transaction resumes where it committed.
 */
final class FeedStateReader {

    private static final Duration POLL = Duration.ofMillis(500);

    private FeedStateReader() {
    }

    /**
     * @param consumer configured with isolation.level=read_committed and no group; not closed here
     */
    static FeedState read(Consumer<String, byte[]> consumer, String stateTopic, FeedStateKeys keys,
                          Duration timeout) {
        List<PartitionInfo> partitions = consumer.partitionsFor(stateTopic, timeout);
        List<TopicPartition> assigned = partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(assigned, timeout));
        FeedState state = new FeedState();
        while (!end.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                apply(state, keys, record);
            }
            end.entrySet().removeIf(partition -> consumer.position(partition.getKey(), timeout) >= partition.getValue());
        }
        return state;
    }

    private static void apply(FeedState state, FeedStateKeys keys, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        if (record.key().equals(keys.position())) {
            state.moveTo(Long.parseLong(new String(record.value(), StandardCharsets.UTF_8)));
            return;
        }
        keys.publishedUid(record.key()).ifPresent(state::markPublished);
    }
}
