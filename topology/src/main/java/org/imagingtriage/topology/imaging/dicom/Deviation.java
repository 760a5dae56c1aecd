package org.imagingtriage.topology.imaging.dicom;

/**
 * Departures from PS3.5 and PS3.10 the reader tolerates because real archives hold them and
 * their meaning is unambiguous. A parsed file lists the ones it showed, so a caller may refuse
 * them, count them or log them; none changes what a value means.
 */
public enum Deviation {
    /** The file starts with its file meta elements, without the 128-byte preamble and "DICM". */
    NO_PREAMBLE,
    /**
     * The file meta group has no TransferSyntaxUID: explicit or implicit VR little endian was
     * inferred from the data set's first element.
     */
    TRANSFER_SYNTAX_MISSING,
    /** The file meta group length disagrees with where the group-0002 elements end. */
    FILE_META_GROUP_LENGTH_WRONG,
    /** The syntax says explicit VR, but the data set is encoded in implicit VR (its first element has no VR). */
    IMPLICIT_VR_IN_EXPLICIT_SYNTAX,
    /** The syntax says implicit VR, but the data set's first element carries a VR. */
    EXPLICIT_VR_IN_IMPLICIT_SYNTAX,
    /** A value length is odd (PS3.5 7.1.1 requires even lengths); it is read as written. */
    ODD_VALUE_LENGTH,
    /** Elements of a data set are not in ascending tag order; they are sorted. */
    ELEMENTS_OUT_OF_ORDER,
    /** A tag occurs twice in one data set; the first occurrence is kept. */
    DUPLICATE_ELEMENT
}
