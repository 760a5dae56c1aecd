package org.imagingtriage.topology.imaging.dicom;

import java.util.Objects;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * The reader refused a file: a {@link DicomReason}, a detail and where it happened.
 *
 * <p>The detail names tags by keyword and number and gives offsets and lengths: never a value,
 * which may be PHI. As for {@link ImagingException}, no cause is chained.
 */
public final class DicomParseException extends Exception {

    private final DicomReason reason;
    private final String detail;
    private final long offset;

    /**
     * @param offset where in the parsed bytes the problem is, or -1 when it is about the whole file
     */
    public DicomParseException(DicomReason reason, String detail, long offset) {
        super(Objects.requireNonNull(reason, "reason").name() + ": " + Objects.requireNonNull(detail, "detail")
                + (offset >= 0 ? " (at byte " + offset + ")" : ""));
        this.reason = reason;
        this.detail = detail;
        this.offset = offset;
    }

    public DicomReason reason() {
        return reason;
    }

    public ImagingReason imagingReason() {
        return reason.imagingReason();
    }

    /** PHI-free explanation, without the offset. */
    public String detail() {
        return detail;
    }

    /** Byte offset of the problem in the parsed bytes (the inflated ones for a deflated data set), or -1. */
    public long offset() {
        return offset;
    }

    /** For the DECODE stage: the coarse reason, with the fine one and the offset in the detail. */
    public ImagingException toImagingException() {
        return new ImagingException(imagingReason(), "DICOM " + getMessage());
    }
}
