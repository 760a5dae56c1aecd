package org.imagingtriage.devstack.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.imagingtriage.contract.DeadLetter;
import org.imagingtriage.contract.DraftFinding;
import org.imagingtriage.topology.pipeline.PipelineSerdes;
import org.imagingtriage.topology.review.ArrivedDraft;
import org.imagingtriage.topology.review.DraftPrinter;

/**
 * Reads the drafts and dead-letter topics (read_committed, so only what the pipeline committed)
 * and prints each draft as it arrives, until the expected number of events has an outcome.
 */
public final class DraftWatcher {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;
    private final String draftsTopic;
    private final String deadLettersTopic;
    private final PipelineSerdes serdes;
    private final DraftPrinter printer;
    private final PrintWriter out;
    private final LatencyTable latency;

    public DraftWatcher(Map<String, Object> consumerConfig, String draftsTopic, String deadLettersTopic,
                 PipelineSerdes serdes, PrintWriter out, LatencyTable latency) {
        this.consumerConfig = Objects.requireNonNull(consumerConfig, "consumerConfig");
        this.draftsTopic = Objects.requireNonNull(draftsTopic, "draftsTopic");
        this.deadLettersTopic = Objects.requireNonNull(deadLettersTopic, "deadLettersTopic");
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.out = Objects.requireNonNull(out, "out");
        this.printer = new DraftPrinter(out, 3);
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /** Waits until {@code expected} drafts and dead letters together have arrived, or {@code timeout}. */
    public DemoOutcome watch(int expected, Duration timeout) {
        int drafts = 0;
        int simulated = 0;
        int deadLetters = 0;
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(draftsTopic, deadLettersTopic));
            while (drafts + deadLetters < expected && System.nanoTime() - start < timeout.toNanos()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.topic().equals(draftsTopic)) {
                        DraftFinding draft = serdes.drafts().deserializer().deserialize(record.topic(), record.value());
                        drafts++;
                        simulated += draft.getProvenance().getSimulated() ? 1 : 0;
                        latency.add(draft);
                        out.printf("[%d/%d] ", drafts + deadLetters, expected);
                        printer.print(new ArrivedDraft(draft, record.topic(), record.partition(), record.offset(), 0));
                    } else {
                        DeadLetter letter = serdes.deadLetters().deserializer().deserialize(record.topic(), record.value());
                        deadLetters++;
                        out.printf("[%d/%d] DEAD LETTER stage %s reason %s: %s%n", drafts + deadLetters, expected,
                                letter.getStage(), letter.getReason(), letter.getDetail());
                    }
                    out.flush();
                }
                if (System.nanoTime() > nextProgress) {
                    out.printf("  ... %d of %d events have an outcome after %d s%n", drafts + deadLetters, expected,
                            Duration.ofNanos(System.nanoTime() - start).toSeconds());
                    out.flush();
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
            }
        }
        return new DemoOutcome(drafts, simulated, deadLetters, drafts + deadLetters >= expected);
    }
}
