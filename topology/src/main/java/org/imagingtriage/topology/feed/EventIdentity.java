package org.imagingtriage.topology.feed;

import java.util.Objects;

/** The DICOM UIDs of one published image: its study, its series and itself (the record key). */
public record EventIdentity(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {

    public EventIdentity {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    }
}
