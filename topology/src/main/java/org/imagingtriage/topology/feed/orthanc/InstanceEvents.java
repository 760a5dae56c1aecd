package org.imagingtriage.topology.feed.orthanc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.feed.DicomSyntax;
import org.imagingtriage.topology.feed.EventDefaults;

/**
 * Builds the {@code ImageEvent} of one Orthanc instance from its tags. The UIDs, modality and
 * body part come from the DICOM header; nothing else of it goes into the event, whose attributes
 * stay empty: the header may carry identity, which the pipeline's gate checks in the file itself.
 *
 * <p>The event id is derived from the feed and the SOP Instance UID, so the same instance always
 * has the same id, however often it would be sent.
 */
final class InstanceEvents {

    static final String SOP_INSTANCE_UID = "SOPInstanceUID";
    static final String STUDY_INSTANCE_UID = "StudyInstanceUID";
    static final String SERIES_INSTANCE_UID = "SeriesInstanceUID";
    static final String MODALITY = "Modality";
    static final String BODY_PART_EXAMINED = "BodyPartExamined";

    private final EventDefaults claims;
    private final PriorityRules priorities;
    private final Clock clock;

    /**
     * @param claims the source and the de-identification claim; its modality and body part are unused
     */
    InstanceEvents(EventDefaults claims, PriorityRules priorities, Clock clock) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.priorities = Objects.requireNonNull(priorities, "priorities");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param tags the instance's tags, which must hold its SOP Instance UID
     * @param payload the {@code InlineImage} or {@code ImageRef} of its file
     */
    ImageEvent create(Map<String, String> tags, Object payload) {
        String sopInstanceUid = Objects.requireNonNull(tags.get(SOP_INSTANCE_UID), "SOPInstanceUID");
        String modality = tags.getOrDefault(MODALITY, "").trim();
        String bodyPart = tags.getOrDefault(BODY_PART_EXAMINED, "").trim();
        return ImageEvent.newBuilder()
                .setEventId(eventId(sopInstanceUid))
                .setSopInstanceUid(sopInstanceUid)
                // A missing UID travels as empty: the pipeline dead-letters it as INVALID_UID, with a reason.
                .setStudyInstanceUid(tags.getOrDefault(STUDY_INSTANCE_UID, "").trim())
                .setSeriesInstanceUid(tags.getOrDefault(SERIES_INSTANCE_UID, "").trim())
                .setSource(claims.source())
                .setModality(DicomSyntax.isCodeString(modality) ? modality : EventDefaults.UNKNOWN_MODALITY)
                .setBodyPart(DicomSyntax.isCodeString(bodyPart) ? bodyPart : null)
                .setPriority(priorities.priorityOf(tags))
                .setFormat(ImageFormat.DICOM)
                .setPayload(payload)
                .setDeidentification(new Deidentification(claims.deidentificationAsserted(),
                        claims.deidentificationMethod().orElse(null)))
                .setCreatedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setAttributes(Map.of())
                .build();
    }

    UUID eventId(String sopInstanceUid) {
        return UUID.nameUUIDFromBytes((claims.source() + "|" + sopInstanceUid).getBytes(StandardCharsets.UTF_8));
    }
}
