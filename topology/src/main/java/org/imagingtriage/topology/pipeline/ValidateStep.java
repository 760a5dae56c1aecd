package org.imagingtriage.topology.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses events that deserialized but break the contract's rules; see {@link EventValidator}. */
final class ValidateStep extends RecordStep {

    private static final Logger LOG = LoggerFactory.getLogger(ValidateStep.class);

    private final EventValidator validator = new EventValidator();

    @Override
    void apply(TriageRecord record) {
        record.countAttempt();
        validator.validate(record.originalKey(), record.event()).ifPresent(failure -> refuse(LOG, record, failure));
    }
}
