package org.imagingtriage.tests;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.devstack.samples.SampleImage;
import org.imagingtriage.devstack.samples.SampleImages;
import org.imagingtriage.topology.feed.UidMinter;

/**
 * Image events for devstack's synthetic samples, as a feed would publish them: a fresh event id
 * and fresh UIDs each time, the sample's modality, body part, priority and format, and the
 * de-identification claim a synthetic image may make.
 */
public final class SyntheticEvents {

    private static final UidMinter UID = UidMinter.random();

    private SyntheticEvents() {
    }

    /** Everything but the payload. */
    public static ImageEvent.Builder of(SampleImage sample, String source) {
        return ImageEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setSopInstanceUid(UID.mint())
                .setStudyInstanceUid(UID.mint())
                .setSeriesInstanceUid(UID.mint())
                .setSource(source)
                .setModality(sample.modality())
                .setBodyPart(sample.bodyPart())
                .setPriority(sample.priority())
                .setFormat(sample.format())
                .setDeidentification(new Deidentification(true, "synthetic image, never identified"))
                .setCreatedAt(Instant.now())
                .setAttributes(Map.of());
    }

    /** The sample's file inline. */
    public static ImageEvent inline(SampleImage sample, String source) {
        return of(sample, source).setPayload(new InlineImage(ByteBuffer.wrap(SampleImages.bytes(sample)))).build();
    }
}
