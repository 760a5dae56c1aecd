package org.imagingtriage.topology.imaging.dicom;

import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Why the reader refused a file: a stable, fine-grained code for logs and tests, each mapped to
 * the coarser {@link ImagingReason} a dead letter carries. Like ImagingReason, a name never
 * changes meaning and is never reused.
 */
public enum DicomReason {

    NOT_DICOM(ImagingReason.FORMAT_MISMATCH,
            "neither 'DICM' after a 128-byte preamble nor file meta elements at the start"),
    MISSING_FILE_META(ImagingReason.CORRUPT_IMAGE,
            "no file meta group after 'DICM', or one that is not explicit VR little endian as PS3.10 requires"),
    TRUNCATED(ImagingReason.CORRUPT_IMAGE,
            "the data ends inside an element, an item or a sequence, or a length claims more bytes than remain"),
    LENGTH_EXCEEDS_CONTAINER(ImagingReason.CORRUPT_IMAGE,
            "an element or item runs past the end of the item or sequence of defined length that holds it"),
    INVALID_LENGTH(ImagingReason.CORRUPT_IMAGE,
            "undefined length where the VR does not allow it, or a basic offset table not a multiple of 4"),
    INVALID_VR(ImagingReason.CORRUPT_IMAGE,
            "the two VR bytes of an explicit VR element are not a VR"),
    INVALID_STRUCTURE(ImagingReason.CORRUPT_IMAGE,
            "an item or delimiter where none may be, or something other than an item inside a sequence"),
    INFLATE_FAILED(ImagingReason.CORRUPT_IMAGE,
            "the deflated data set is not a valid deflate stream"),
    UNSUPPORTED_TRANSFER_SYNTAX(ImagingReason.UNSUPPORTED_TRANSFER_SYNTAX,
            "the transfer syntax UID is not one the reader knows, so its encoding is unknown"),
    SEQUENCE_TOO_DEEP(ImagingReason.DICOM_LIMIT_EXCEEDED,
            "sequences nest deeper than the cap"),
    TOO_MANY_ELEMENTS(ImagingReason.DICOM_LIMIT_EXCEEDED,
            "more data elements and items than the cap"),
    ELEMENT_TOO_LONG(ImagingReason.DICOM_LIMIT_EXCEEDED,
            "an element other than pixel data is longer than the cap"),
    PIXEL_DATA_TOO_LONG(ImagingReason.DICOM_LIMIT_EXCEEDED,
            "pixel data, native or its fragments together, is longer than the cap"),
    TOO_MANY_FRAGMENTS(ImagingReason.DICOM_LIMIT_EXCEEDED,
            "encapsulated pixel data has more fragments than the cap"),
    INFLATED_TOO_LARGE(ImagingReason.DICOM_LIMIT_EXCEEDED,
            "a deflated data set inflates to more than the cap");

    private final ImagingReason imagingReason;
    private final String meaning;

    DicomReason(ImagingReason imagingReason, String meaning) {
        this.imagingReason = imagingReason;
        this.meaning = meaning;
    }

    /** The dead-letter reason this maps to. */
    public ImagingReason imagingReason() {
        return imagingReason;
    }

    /** One line for operators; the README lists them. */
    public String meaning() {
        return meaning;
    }
}
