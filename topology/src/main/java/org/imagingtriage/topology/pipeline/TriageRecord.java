package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.inference.InferredDraft;
import org.imagingtriage.topology.observability.TimedStage;

/**
 * One input record on its way through the steps of {@link TriageTopology}: what was read, what
 * each step made of it, how long each step took, or why it failed.
 *
 * <p>It never leaves the stream thread (every step is a {@code processValues} in one
 * sub-topology, so nothing is serialized between them) and each step drops what the next no
 * longer needs, so an image is held at most once in each representation. Once failed, a record
 * passes the remaining steps untouched and becomes a dead letter.
 */
public final class TriageRecord {

    private final byte[] originalKey;
    private final byte[] originalValue;
    private final SourceCoordinates source;
    private final long receivedAtMillis;
    private final Map<TimedStage, Duration> timings = new EnumMap<>(TimedStage.class);
    private ImageEvent event;
    private byte[] imageBytes;
    private DecodedImage decoded;
    private PreprocessedImage preprocessed;
    private String preprocessingVersion;
    private InferredDraft draft;
    private Duration inferenceTime = Duration.ZERO;
    private Failure failure;
    private int attempts;

    TriageRecord(byte[] originalKey, byte[] originalValue, SourceCoordinates source, long receivedAtMillis) {
        this.originalKey = originalKey;
        this.originalValue = originalValue;
        this.source = Objects.requireNonNull(source, "source");
        this.receivedAtMillis = receivedAtMillis;
    }

    public byte[] originalKey() {
        return originalKey;
    }

    public byte[] originalValue() {
        return originalValue;
    }

    public SourceCoordinates source() {
        return source;
    }

    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    public boolean failed() {
        return failure != null;
    }

    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<InferredDraft> draft() {
        return Optional.ofNullable(draft);
    }

    /** The event; only after deserialization succeeded. */
    public ImageEvent event() {
        return Objects.requireNonNull(event, "no event: the record failed to deserialize");
    }

    Optional<ImageEvent> eventIfRead() {
        return Optional.ofNullable(event);
    }

    String eventIdOrUnknown() {
        return event == null ? "unknown" : event.getEventId().toString();
    }

    public Map<TimedStage, Duration> timings() {
        return Map.copyOf(timings);
    }

    /** Time spent resolving, decoding, checking and preprocessing: the draft's preprocessMs. */
    public Duration preparationTime() {
        return timings.entrySet().stream()
                .filter(entry -> entry.getKey() != TimedStage.INFERENCE && entry.getKey() != TimedStage.FEED_TO_PIPELINE)
                .map(Map.Entry::getValue)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Sending the request to receiving the answer, retries and backoff included. */
    public Duration inferenceTime() {
        return inferenceTime;
    }

    int attempts() {
        return attempts;
    }

    void countAttempt() {
        attempts++;
    }

    /** A new stage starts counting its own attempts. */
    void startStage() {
        attempts = 0;
    }

    void addTiming(TimedStage stage, Duration duration) {
        timings.merge(stage, duration, Duration::plus);
    }

    void event(ImageEvent event) {
        this.event = event;
    }

    byte[] imageBytes() {
        return imageBytes;
    }

    void imageBytes(byte[] bytes) {
        this.imageBytes = bytes;
    }

    DecodedImage decoded() {
        return decoded;
    }

    void decoded(DecodedImage image) {
        this.imageBytes = null;
        this.decoded = image;
    }

    PreprocessedImage preprocessed() {
        return preprocessed;
    }

    void preprocessed(PreprocessedImage image) {
        this.decoded = null;
        this.preprocessed = image;
        this.preprocessingVersion = image.preprocessingVersion();
    }

    /** The preprocessing behind the tensor; kept after the tensor itself is dropped. */
    String preprocessingVersion() {
        return preprocessingVersion;
    }

    void drafted(InferredDraft draft, Duration inferenceTime) {
        this.preprocessed = null;
        this.draft = draft;
        this.inferenceTime = inferenceTime;
    }

    void fail(Failure failure) {
        this.failure = Objects.requireNonNull(failure, "failure");
        this.imageBytes = null;
        this.decoded = null;
        this.preprocessed = null;
    }
}
