package org.imagingtriage.topology.imaging.dicom;

import java.util.Set;

/**
 * Reads the File Meta Information (PS3.10 7.1): group-0002 elements, always explicit VR little
 * endian whatever the transfer syntax. The group ends where the next element's group is not
 * 0002; the group length is checked against that rather than trusted, because writers get it
 * wrong more often than they get the elements wrong.
 */
final class FileMetaReader {

    private static final int META_GROUP = 0x0002;

    private FileMetaReader() {
    }

    static DicomDataset read(DicomInput in, DicomLimits limits, ElementBudget budget, Set<Deviation> deviations)
            throws DicomParseException {
        DatasetBuilder meta = new DatasetBuilder(in.bytes(), Encoding.EXPLICIT_LITTLE_ENDIAN.byteOrder(),
                CharacterSets.DEFAULT);
        long declaredEnd = -1;
        while (in.remaining() >= 2 && (in.peek(in.position()) | in.peek(in.position() + 1) << 8) == META_GROUP) {
            ElementHeader header = Encoding.EXPLICIT_LITTLE_ENDIAN.readHeader(in, in.end());
            String name = "file meta element " + Tag.describe(header.tag());
            if (header.undefinedLength() || header.vr() == VR.SQ) {
                throw in.fail(DicomReason.MISSING_FILE_META, name + " is a sequence or has undefined length",
                        header.offset());
            }
            in.requireValue(header.length(), in.end(), name);
            if (header.length() > limits.maxElementBytes()) {
                throw in.fail(DicomReason.ELEMENT_TOO_LONG, name + " is " + header.length() + " bytes, more than the "
                        + limits.maxElementBytes() + " allowed", header.offset());
            }
            budget.spend(in, header.offset());
            int length = (int) header.length();
            meta.add(new DicomElement.Value(header.tag(), header.vr(), header.offset(), header.valueOffset(), length));
            in.position(header.valueOffset() + length);
            if (header.tag() == Tag.FileMetaInformationGroupLength && header.vr() == VR.UL && length == 4) {
                in.position(header.valueOffset());
                declaredEnd = header.valueOffset() + 4 + in.readUnsignedInt(false);
            }
        }
        if (meta.isEmpty()) {
            throw in.fail(DicomReason.MISSING_FILE_META, "no file meta elements (group 0002) after the DICM prefix",
                    in.position());
        }
        if (declaredEnd >= 0 && declaredEnd != in.position()) {
            deviations.add(Deviation.FILE_META_GROUP_LENGTH_WRONG);
        }
        return meta.build(deviations);
    }
}
