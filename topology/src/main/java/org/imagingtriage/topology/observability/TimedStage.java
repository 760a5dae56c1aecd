package org.imagingtriage.topology.observability;

/**
 * The pipeline steps whose duration is measured, each with the {@code stage} tag value it is
 * published under.
 *
 * <p>Not the contract's {@code DeadLetter.Stage}: {@code feed_to_pipeline} (producer timestamp to
 * the pipeline reading the record) is a span an event waits through, not a step that can refuse
 * it, and {@code DESERIALIZE}/{@code VALIDATE} are too cheap to be worth a histogram.
 */
public enum TimedStage {
    FEED_TO_PIPELINE("feed_to_pipeline"),
    RESOLVE("resolve"),
    DECODE("decode"),
    DEIDENTIFICATION("deidentification"),
    PREPROCESS("preprocess"),
    INFERENCE("inference");

    private final String tagValue;

    TimedStage(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The value of the {@code stage} tag; stable, dashboards key on it. */
    public String tagValue() {
        return tagValue;
    }
}
