package org.imagingtriage.topology.pipeline;

import org.imagingtriage.contract.Stage;

/**
 * Reasons outside the imaging stages that turn a record into a dead letter, with their stage.
 *
 * <p>Like {@code ImagingReason}, the constant names are the stable codes written to
 * {@code DeadLetter.reason}: never renamed, never reused. topology/README.md lists them and a
 * test keeps that table in step.
 */
public enum PipelineReason {

    TOMBSTONE(Stage.DESERIALIZE,
            "the record has no value: an event topic carries events, never deletions"),
    NOT_WIRE_FORMAT(Stage.DESERIALIZE,
            "the value does not start with the Confluent wire format's magic byte and schema id"),
    UNKNOWN_SCHEMA_ID(Stage.DESERIALIZE,
            "the schema id in the value is not in the schema registry"),
    INCOMPATIBLE_SCHEMA(Stage.DESERIALIZE,
            "the writer's schema cannot be read as an ImageEvent (not an ImageEvent, or an incompatible change)"),
    MALFORMED_RECORD(Stage.DESERIALIZE,
            "the Avro bytes are truncated, corrupt or longer than their schema says, or a field breaks its logical type (an eventId that is not a UUID)"),

    INVALID_UID(Stage.VALIDATE,
            "a study, series or SOP instance UID is not a DICOM UID (digits and dots, at most 64 characters)"),
    KEY_MISMATCH(Stage.VALIDATE,
            "the record key is not the event's sopInstanceUid: partitioning and compaction would be wrong"),
    INVALID_MODALITY(Stage.VALIDATE,
            "modality is not a DICOM modality code (1-16 upper-case letters and digits)"),
    INVALID_FIELD(Stage.VALIDATE,
            "source is blank, or bodyPart or an attribute is blank or oversized"),

    INFERENCE_REJECTED(Stage.INFERENCE,
            "Triton refused the request for good (invalid argument, unknown model, internal error): retrying cannot help"),
    MALFORMED_MODEL_OUTPUT(Stage.INFERENCE,
            "the model answered without a readable DRAFT text"),
    SOURCE_RECORD_LOST(Stage.INFERENCE,
            "the record was in flight when the pipeline stopped and was deleted from its topic (retention), or its partition's log went back (topic recreated, unclean leader election), before it could be sent again; the dead letter names its topic, partition and offset but cannot carry its bytes");

    private final Stage stage;
    private final String meaning;

    PipelineReason(Stage stage, String meaning) {
        this.stage = stage;
        this.meaning = meaning;
    }

    public Stage stage() {
        return stage;
    }

    /** One line for operators; the README table shows it. */
    public String meaning() {
        return meaning;
    }

    /** The failure for this reason on the first attempt. */
    Failure failure(String detail, int attempts) {
        return new Failure(stage, name(), detail, attempts);
    }
}
