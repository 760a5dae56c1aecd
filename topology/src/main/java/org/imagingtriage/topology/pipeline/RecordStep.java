package org.imagingtriage.topology.pipeline;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;

/**
 * One step of the flow over a {@link TriageRecord}: skipped once the record has failed, so a
 * failed record travels on to the dead-letter branch untouched.
 */
abstract class RecordStep implements FixedKeyProcessor<byte[], TriageRecord, TriageRecord> {

    private FixedKeyProcessorContext<byte[], TriageRecord> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], TriageRecord> context) {
        this.context = context;
    }

    @Override
    public final void process(FixedKeyRecord<byte[], TriageRecord> record) {
        TriageRecord triage = record.value();
        if (!triage.failed()) {
            triage.startStage();
            apply(triage);
        }
        context.forward(record);
    }

    /** Does the step's work on a record that has not failed; records a failure rather than throwing one. */
    abstract void apply(TriageRecord record);

    /**
     * Marks {@code record} failed for good and says so in {@code log}, the step's own logger:
     * event id, stage and reason code only, never a value from the event.
     */
    static void refuse(Logger log, TriageRecord record, Failure failure) {
        log.atWarn().setMessage("event refused")
                .addKeyValue("eventId", record.eventIdOrUnknown())
                .addKeyValue("stage", failure.stage())
                .addKeyValue("reason", failure.reason())
                .log();
        record.fail(failure);
    }
}
