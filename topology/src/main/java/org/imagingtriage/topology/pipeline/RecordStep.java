package org.imagingtriage.topology.pipeline;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

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
}
