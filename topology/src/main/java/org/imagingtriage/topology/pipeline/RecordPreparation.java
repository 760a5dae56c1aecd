package org.imagingtriage.topology.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * Deserialize, validate, de-identification gate, resolve, decode and preprocess as plain calls
 * on one record, for the records the async inference step fetches again after a restart. It runs
 * the same step classes as the topology, in the same order ({@code PipelineSteps} builds both),
 * so a record is prepared the same way the second time.
 */
final class RecordPreparation {

    private final DeserializeStep deserialize;
    private final List<RecordStep> steps;

    RecordPreparation(DeserializeStep deserialize, List<RecordStep> steps) {
        this.deserialize = Objects.requireNonNull(deserialize, "deserialize");
        this.steps = List.copyOf(steps);
    }

    /** The record read at {@code source}, ready for inference or failed with the reason. */
    TriageRecord prepare(byte[] key, byte[] value, SourceCoordinates source) {
        TriageRecord record = deserialize.read(key, value, source);
        for (RecordStep step : steps) {
            if (record.failed()) {
                break;
            }
            record.startStage();
            step.apply(record);
        }
        return record;
    }
}
