package org.imagingtriage.topology.observability;

/** How one Triton inference call ended, as the {@code outcome} tag of the inference timer. */
public enum InferenceOutcome {
    /** A response the pipeline turned into a draft. */
    SUCCESS("success"),
    /** A failure the pipeline retries (unavailable, deadline exceeded, overloaded). */
    TRANSIENT_ERROR("transient_error"),
    /** A failure that dead-letters the event (invalid argument, unusable response). */
    PERMANENT_ERROR("permanent_error");

    private final String tagValue;

    InferenceOutcome(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The value of the {@code outcome} tag; stable, dashboards key on it. */
    public String tagValue() {
        return tagValue;
    }
}
