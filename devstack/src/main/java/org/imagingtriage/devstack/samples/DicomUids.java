package org.imagingtriage.devstack.samples;

import java.util.Objects;

/** The three UIDs that place a DICOM instance: its study, its series and itself. */
public record DicomUids(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {

    public DicomUids {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    }
}
