package org.imagingtriage.topology.feed.orthanc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;
import org.imagingtriage.topology.feed.EventDefaults;
import org.junit.jupiter.api.Test;

class InstanceEventsTest {

    private static final EventDefaults CLAIMS = new EventDefaults(Optional.empty(), Optional.empty(),
            Priority.ROUTINE, "orthanc:pacs:8042", true, Optional.of("Orthanc anonymization"));
    private final InstanceEvents events = new InstanceEvents(CLAIMS,
            new PriorityRules(List.of(PriorityRule.parse("Modality=CT->URGENT")), Priority.ROUTINE),
            Clock.fixed(Instant.parse("2026-11-23T10:00:00.123456Z"), ZoneOffset.UTC));

    @Test
    void takesTheIdentityFromTheHeaderAndNothingElse() {
        // given: tags as Orthanc gives them, identifying ones among them
        Map<String, String> tags = Map.of("SOPInstanceUID", "1.2.3.4", "StudyInstanceUID", "1.2",
                "SeriesInstanceUID", "1.2.3", "Modality", "CT", "BodyPartExamined", "HEAD",
                "PatientName", "DOE^JANE", "PatientID", "12345");

        // when
        ImageEvent event = events.create(tags, new InlineImage(ByteBuffer.wrap(new byte[] {1})));

        // then
        assertThat(event.getSopInstanceUid()).isEqualTo("1.2.3.4");
        assertThat(event.getStudyInstanceUid()).isEqualTo("1.2");
        assertThat(event.getSeriesInstanceUid()).isEqualTo("1.2.3");
        assertThat(event.getModality()).isEqualTo("CT");
        assertThat(event.getBodyPart()).isEqualTo("HEAD");
        assertThat(event.getPriority()).isEqualTo(Priority.URGENT);
        assertThat(event.getFormat()).isEqualTo(ImageFormat.DICOM);
        assertThat(event.getSource()).isEqualTo("orthanc:pacs:8042");
        assertThat(event.getDeidentification().getAsserted()).isTrue();
        assertThat(event.getCreatedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123Z"));
        assertThat(event.getAttributes()).isEmpty();
        assertThat(event.toString()).doesNotContain("DOE^JANE").doesNotContain("12345");
    }

    @Test
    void theSameInstanceAlwaysHasTheSameEventIdAndOtherFeedsAnother() {
        Map<String, String> tags = Map.of("SOPInstanceUID", "1.2.3.4");
        InstanceEvents otherFeed = new InstanceEvents(new EventDefaults(Optional.empty(), Optional.empty(),
                Priority.ROUTINE, "orthanc:other:8042", true, Optional.empty()),
                new PriorityRules(List.of(), Priority.ROUTINE), Clock.systemUTC());

        assertThat(events.create(tags, inline()).getEventId()).isEqualTo(events.create(tags, inline()).getEventId());
        assertThat(otherFeed.create(tags, inline()).getEventId()).isNotEqualTo(events.create(tags, inline()).getEventId());
    }

    @Test
    void codesThatAreNotDicomCodeStringsFallBack() {
        ImageEvent event = events.create(Map.of("SOPInstanceUID", "1.2.3.4", "Modality", "ct scan",
                "BodyPartExamined", "left knee!"), inline());

        assertThat(event.getModality()).isEqualTo(EventDefaults.UNKNOWN_MODALITY);
        assertThat(event.getBodyPart()).isNull();
        assertThat(event.getStudyInstanceUid()).as("missing: the pipeline dead-letters INVALID_UID").isEmpty();
    }

    private static InlineImage inline() {
        return new InlineImage(ByteBuffer.wrap(new byte[] {1}));
    }
}
