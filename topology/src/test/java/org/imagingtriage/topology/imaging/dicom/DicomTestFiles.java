package org.imagingtriage.topology.imaging.dicom;

import java.util.Arrays;

/**
 * Public face of the package's {@link DicomStream} for tests elsewhere (the de-identification
 * gate, the preprocess command): small Part 10 files built element by element, and the data set
 * the real reader parses from them. Only well-formed files: hostile ones stay in this package.
 */
public final class DicomTestFiles {

    private final DicomStream stream;
    private final boolean implicit;

    private DicomTestFiles(DicomStream stream, boolean implicit) {
        this.stream = stream;
        this.implicit = implicit;
    }

    public static DicomTestFiles explicitLittleEndian() {
        return new DicomTestFiles(DicomStream.explicitLittle(), false);
    }

    public static DicomTestFiles implicitLittleEndian() {
        return new DicomTestFiles(DicomStream.implicitLittle(), true);
    }

    /**
     * The small CR header the reader tests use (character set, UIDs, modality, a 3x2 MONOCHROME2
     * pixel description, windows), without pixel data. Elements added after it must come in
     * ascending tag order after (0028,1051), or before it in a fresh builder.
     */
    public DicomTestFiles imageHeader() {
        DicomFixtures.header(stream);
        return this;
    }

    /** {@link #imageHeader()} and its 3x2 12-bit pixel data. */
    public DicomTestFiles image() {
        DicomFixtures.image(stream);
        return this;
    }

    /** A text element, padded to even length. Tags must be added in ascending order. */
    public DicomTestFiles text(int tag, String vr, String value) {
        stream.text(tag, vr, value);
        return this;
    }

    /** US values in this builder's byte order. */
    public DicomTestFiles us(int tag, int... values) {
        stream.us(tag, values);
        return this;
    }

    /** An element of zero length. */
    public DicomTestFiles empty(int tag, String vr) {
        stream.element(tag, vr, new byte[0]);
        return this;
    }

    /** An explicit VR element with raw bytes, for UN values. */
    public DicomTestFiles bytes(int tag, String vr, byte[] value) {
        stream.element(tag, vr, value.clone());
        return this;
    }

    /** A sequence of defined length whose items are the given builders (same encoding). */
    public DicomTestFiles sequence(int tag, DicomTestFiles... items) {
        stream.sequence(tag, DicomStream.Length.DEFINED,
                Arrays.stream(items).map(item -> item.stream).toArray(DicomStream[]::new));
        return this;
    }

    /** A sequence of undefined length, items of undefined length with delimiters. */
    public DicomTestFiles undefinedLengthSequence(int tag, DicomTestFiles... items) {
        stream.sequence(tag, DicomStream.Length.UNDEFINED,
                Arrays.stream(items).map(item -> item.stream).toArray(DicomStream[]::new));
        return this;
    }

    /** The VR code the reader's dictionary gives {@code tag} (UN outside it), for explicit VR files. */
    public static String vrOf(int tag) {
        return ElementDictionary.implicitVr(tag).name();
    }

    /** An empty builder in this one's encoding, for a sequence item. */
    public DicomTestFiles item() {
        return new DicomTestFiles(stream.item(), implicit);
    }

    /** The Part 10 file, explicit VR little endian or implicit as this builder was made. */
    public byte[] file() {
        return stream.file(transferSyntaxUid());
    }

    /** The data set the reader parses from {@link #file()} (header only). */
    public DicomDataset dataset() {
        try {
            return new DicomReader(DicomLimits.defaults()).readHeader(file()).dataset();
        } catch (DicomParseException e) {
            throw new IllegalStateException("the test file does not parse: " + e.getMessage(), e);
        }
    }

    private String transferSyntaxUid() {
        return implicit ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid() : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    }
}
