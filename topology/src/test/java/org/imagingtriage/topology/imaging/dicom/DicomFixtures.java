package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Data sets the reader tests share, written into any {@link DicomStream}. */
final class DicomFixtures {

    static final String EXPLICIT_LE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String IMPLICIT_LE = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String EXPLICIT_BE = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
    static final String DEFLATED = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String JPEG_BASELINE = TransferSyntax.JPEG_BASELINE.uid();

    /** Samples of {@link #image}: 2 rows of 3, 12 bits stored in 16. */
    static final int[] SAMPLES = {0, 1, 2, 0x0FFF, 0x0800, 0x0100};

    private DicomFixtures() {
    }

    /** A small CR image header and its native pixel data, in ascending tag order. */
    static DicomStream image(DicomStream stream) {
        return header(stream).pixelWords(SAMPLES);
    }

    /** {@link #image} without its pixel data. */
    static DicomStream header(DicomStream stream) {
        return stream.text(Tag.SpecificCharacterSet, "CS", "ISO_IR 100")
                .text(Tag.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.1")
                .text(Tag.SOPInstanceUID, "UI", "2.25.42")
                .text(Tag.Modality, "CS", "CR")
                .text(Tag.BodyPartExamined, "CS", "CHEST")
                .us(Tag.SamplesPerPixel, 1)
                .text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                .us(Tag.Rows, 2)
                .us(Tag.Columns, 3)
                .us(Tag.BitsAllocated, 16)
                .us(Tag.BitsStored, 12)
                .us(Tag.HighBit, 11)
                .us(Tag.PixelRepresentation, 0)
                .text(Tag.WindowCenter, "DS", "2048\\1024")
                .text(Tag.WindowWidth, "DS", "4096\\512");
    }

    /** The refusal reading {@code file} must end in. */
    static DicomParseException refusal(DicomReader reader, byte[] file) {
        DicomParseException refused = catchThrowableOfType(DicomParseException.class, () -> reader.read(file));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
