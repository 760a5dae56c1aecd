package org.imagingtriage.topology.feed;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageRef;
import org.imagingtriage.contract.InlineImage;

/**
 * Builds the {@code ImageEvent} for one image: a fresh event id (the pipeline's idempotency key),
 * the creation time (where end-to-end latency starts), the pass's UIDs, the metadata and the
 * run's claims. Nothing of the file's name or path goes into the event except inside a
 * {@code file://} reference, which must name the file: exported names often contain patient names.
 */
public final class ImageEventFactory {

    private final EventDefaults defaults;
    private final UidMinter minter;
    private final Clock clock;
    private final Supplier<UUID> eventIds;

    public ImageEventFactory(EventDefaults defaults, UidMinter minter, Clock clock, Supplier<UUID> eventIds) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.minter = Objects.requireNonNull(minter, "minter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
    }

    /** Random event ids and UIDs, the system clock. */
    public static ImageEventFactory standard(EventDefaults defaults) {
        return new ImageEventFactory(defaults, UidMinter.random(), Clock.systemUTC(), UUID::randomUUID);
    }

    /** A new pass over the folder, minting its own study and series UIDs. */
    public FeedPass newPass() {
        return new FeedPass(minter);
    }

    /**
     * @param payload the {@link InlineImage} or {@link ImageRef} read for this image
     * @return the event; {@code createdAt} in whole milliseconds, as Avro's timestamp-millis keeps it
     */
    public ImageEvent create(PlannedImage planned, EventIdentity identity, Object payload) {
        if (!(payload instanceof InlineImage) && !(payload instanceof ImageRef)) {
            throw new IllegalArgumentException("the payload must be an InlineImage or an ImageRef");
        }
        ImageMetadata metadata = planned.metadata();
        return ImageEvent.newBuilder()
                .setEventId(eventIds.get())
                .setSopInstanceUid(identity.sopInstanceUid())
                .setStudyInstanceUid(identity.studyInstanceUid())
                .setSeriesInstanceUid(identity.seriesInstanceUid())
                .setSource(defaults.source())
                .setModality(metadata.modality())
                .setBodyPart(metadata.bodyPart().orElse(null))
                .setPriority(metadata.priority())
                .setFormat(planned.image().format())
                .setPayload(payload)
                .setDeidentification(new Deidentification(defaults.deidentificationAsserted(),
                        defaults.deidentificationMethod().orElse(null)))
                .setCreatedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setAttributes(metadata.attributes())
                .build();
    }
}
