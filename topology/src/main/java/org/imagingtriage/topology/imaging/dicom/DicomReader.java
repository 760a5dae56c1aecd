package org.imagingtriage.topology.imaging.dicom;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads DICOM Part 10 files (PS3.10 7.1) held in memory: preamble and "DICM", the file meta
 * group, then the data set in its transfer syntax (implicit or explicit VR little endian,
 * explicit VR big endian, deflated; native or encapsulated pixel data), with sequences of defined
 * and undefined length nested up to {@link DicomLimits#maxDepth()}.
 *
 * <p>Parsing only: values are located, not decoded, and pixel data is left to a decoder.
 * {@link #readHeader} stops at the top-level pixel data, for callers that need attributes only.
 * Every refusal is a {@link DicomParseException} with a reason; no other exception escapes for
 * any input. Stateless and thread-safe.
 *
 * <p>Tolerated, and listed in {@link DicomFile#deviations()}: a file that starts directly with
 * its explicit VR little endian file meta elements (some writers omit the preamble; the group
 * 0002 header at offset 0 is unambiguous), a missing TransferSyntaxUID, a data set whose first
 * element contradicts the syntax's explicit or implicit VR, odd lengths, unsorted or repeated
 * tags. Refused: no preamble and no file meta group (a bare data set's encoding would be a guess),
 * and an unknown transfer syntax UID.
 */
public final class DicomReader {

    static final int PREAMBLE_LENGTH = 128;
    private static final byte[] PREFIX = {'D', 'I', 'C', 'M'};
    private static final int META_GROUP = 0x0002;

    private final DicomLimits limits;

    public DicomReader(DicomLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Reads the whole file, pixel data included. */
    public DicomFile read(byte[] file) throws DicomParseException {
        return read(file, false);
    }

    /**
     * Reads up to the top-level pixel data, which is located (its offset) but not parsed. A
     * deflated data set is still inflated whole first: deflate cannot be read from the middle.
     */
    public DicomFile readHeader(byte[] file) throws DicomParseException {
        return read(file, true);
    }

    private DicomFile read(byte[] file, boolean headerOnly) throws DicomParseException {
        Objects.requireNonNull(file, "file");
        Set<Deviation> deviations = EnumSet.noneOf(Deviation.class);
        ElementBudget budget = new ElementBudget(limits.maxElements());
        DicomInput metaInput = new DicomInput(file, metaStart(file, deviations), file.length, false);
        DicomDataset meta = FileMetaReader.read(metaInput, limits, budget, deviations);

        Optional<String> uid = meta.getString(Tag.TransferSyntaxUID).filter(value -> !value.isEmpty());
        TransferSyntax declared = uid.map(TransferSyntax::forUid).orElse(null);
        if (declared != null && !declared.isKnown()) {
            // The UID is a value from the file: kept out of the message like any other.
            throw new DicomParseException(DicomReason.UNSUPPORTED_TRANSFER_SYNTAX,
                    "the file's " + Tag.describe(Tag.TransferSyntaxUID) + " is not a transfer syntax the reader knows",
                    -1);
        }
        DicomInput data = declared != null && declared.isDeflated()
                ? Inflation.inflate(file, metaInput.position(), limits.maxInflatedBytes())
                : new DicomInput(file, metaInput.position(), file.length, false);
        Encoding encoding = encodingOf(data, declared, deviations);
        TransferSyntax syntax = declared != null ? declared
                : encoding.explicitVr() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
                : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;

        DataSetParser parser = new DataSetParser(data, limits, budget, deviations, headerOnly);
        DicomDataset dataset = parser.parse(encoding);
        return new DicomFile(meta, syntax, dataset, parser.pixelDataOffset(), headerOnly, deviations);
    }

    /** After "DICM" at 128, or at 0 when the file opens with an explicit VR group-0002 element header. */
    private static int metaStart(byte[] file, Set<Deviation> deviations) throws DicomParseException {
        if (file.length >= PREAMBLE_LENGTH + PREFIX.length && hasPrefixAt(file, PREAMBLE_LENGTH)) {
            return PREAMBLE_LENGTH + PREFIX.length;
        }
        if (file.length >= 8 && (file[0] & 0xFF | (file[1] & 0xFF) << 8) == META_GROUP
                && VR.ofBytes(file[4], file[5]) != null) {
            deviations.add(Deviation.NO_PREAMBLE);
            return 0;
        }
        if (file.length < PREAMBLE_LENGTH + PREFIX.length) {
            throw new DicomParseException(DicomReason.TRUNCATED, "only " + file.length
                    + " bytes: too short for the preamble and the DICM prefix", file.length);
        }
        throw new DicomParseException(DicomReason.NOT_DICOM,
                "no DICM prefix after a 128-byte preamble, and no file meta elements at the start", PREAMBLE_LENGTH);
    }

    /**
     * The declared encoding, unless the data set's first element says otherwise: a file whose
     * syntax says explicit VR but whose first header has no VR (or the reverse) was written by an
     * encoder that mislabelled it, and reading it as declared would fail on every element. With
     * no syntax declared, the first element decides between explicit and implicit little endian.
     */
    private static Encoding encodingOf(DicomInput data, TransferSyntax declared, Set<Deviation> deviations) {
        int first = data.position();
        boolean big = declared != null && declared.isBigEndian();
        Encoding explicit = new Encoding(true, big);
        Encoding implicit = new Encoding(false, big);
        if (declared == null) {
            deviations.add(Deviation.TRANSFER_SYNTAX_MISSING);
            return explicit.plausibleAt(data, first) ? explicit : implicit;
        }
        if (declared.isExplicitVr() && !explicit.plausibleAt(data, first) && implicit.plausibleAt(data, first)) {
            deviations.add(Deviation.IMPLICIT_VR_IN_EXPLICIT_SYNTAX);
            return implicit;
        }
        if (!declared.isExplicitVr() && !implicit.plausibleAt(data, first) && explicit.plausibleAt(data, first)) {
            deviations.add(Deviation.EXPLICIT_VR_IN_IMPLICIT_SYNTAX);
            return explicit;
        }
        return Encoding.of(declared);
    }

    private static boolean hasPrefixAt(byte[] file, int at) {
        for (int i = 0; i < PREFIX.length; i++) {
            if (file[at + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }
}
