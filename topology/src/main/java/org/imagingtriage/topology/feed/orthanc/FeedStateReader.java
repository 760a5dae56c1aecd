package org.imagingtriage.topology.feed.orthanc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a feed's {@link FeedState} by reading the compacted state topic from the beginning, as
 * a read_committed consumer assigned to every partition: only what committed transactions wrote
 * counts, and a feed that died mid-transaction resumes where it committed.
 *
 * <p>It reads up to the log's end as it is when reading starts (the high watermark), not up to
 * what read_committed readers may see then: several feeds share the topic, and another feed's open
 * transaction holds the last stable offset back, which would hide this feed's later commits. The
 * reader waits for such transactions to end, committed or aborted (a dead feed's by its timeout).
 */
final class FeedStateReader {

    private static final Logger LOG = LoggerFactory.getLogger(FeedStateReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private FeedStateReader() {
    }

    /**
     * @param consumer configured with isolation.level=read_committed and no group; not closed here
     * @param maxWait how long other feeds' open transactions may hold the reading back
     * @throws TimeoutException when the state could not be read to the end within {@code maxWait}
     */
    static FeedState read(Consumer<String, byte[]> consumer, Admin admin, String stateTopic, FeedStateKeys keys,
                          Duration maxWait) throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> partitions = consumer.partitionsFor(stateTopic, maxWait).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        Map<TopicPartition, Long> end = new HashMap<>(logEnd(admin, partitions, maxWait));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        FeedState state = new FeedState();
        long started = System.nanoTime();
        long reported = started;
        while (true) {
            end.entrySet().removeIf(partition -> consumer.position(partition.getKey(), maxWait) >= partition.getValue());
            if (end.isEmpty()) {
                return state;
            }
            long now = System.nanoTime();
            if (now - started > maxWait.toNanos()) {
                throw new TimeoutException("the feed state topic " + stateTopic + " could not be read to its end within "
                        + maxWait.toSeconds() + " s: a transaction of another feed stays open");
            }
            if (now - reported > REPORT_EVERY.toNanos()) {
                reported = now;
                LOG.info("feed=orthanc stage=start reason=WAITING_FOR_OPEN_TRANSACTIONS topic={}", stateTopic);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                apply(state, keys, record);
            }
        }
    }

    /** Every partition's high watermark: the end of the log, committed or not. */
    private static Map<TopicPartition, Long> logEnd(Admin admin, List<TopicPartition> partitions, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static void apply(FeedState state, FeedStateKeys keys, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        var series = keys.pendingSeriesId(record.key());
        if (series.isPresent()) {
            if (record.value() == null) {
                state.removePendingSeries(series.get());
            } else {
                state.addPendingSeries(series.get());
            }
            return;
        }
        if (record.value() == null) {
            return;
        }
        if (record.key().equals(keys.position())) {
            state.moveTo(Long.parseLong(new String(record.value(), StandardCharsets.UTF_8)));
            return;
        }
        keys.publishedUid(record.key()).ifPresent(state::markPublished);
    }
}
