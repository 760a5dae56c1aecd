package org.imagingtriage.devstack.samples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.imagingtriage.topology.feed.UidMinter;
import org.imagingtriage.topology.imaging.dicom.Tag;

/**
 * A 16-bit greyscale sample as a DICOM Part 10 file, explicit VR little endian: the file meta
 * group, then only what an image needs and what a de-identified file says about itself
 * (PatientIdentityRemoved YES, the method). No patient, physician or institution attribute is
 * ever written, so the pipeline's de-identification gate passes it as it would a properly
 * de-identified file.
 *
 * <p>CT samples store the phantom's 12-bit values with RescaleIntercept -1024, so the modality
 * LUT yields Hounsfield units from -1024 (air) up; MR samples carry a window for their range.
 */
final class DicomSampleWriter {

    private static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    private static final String CR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1";
    private static final String SECONDARY_CAPTURE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    /** The implementation that wrote the file: a UUID-derived UID of this writer, fixed. */
    private static final String IMPLEMENTATION_CLASS_UID = uuidUid("org.imagingtriage.devstack.samples");
    private static final int PREAMBLE_LENGTH = 128;
    private static final int HU_OFFSET = 1024;

    private DicomSampleWriter() {
    }

    /** The file of {@code sample} with UIDs derived from its name: the same bytes every time. */
    static byte[] write(SampleImage sample, BufferedImage image) {
        String name = "sample:" + sample.name() + ":" + sample.seed();
        return write(sample, image, new DicomUids(uuidUid(name + ":study"), uuidUid(name + ":series"), uuidUid(name)));
    }

    /** The file of {@code sample} as one instance among many: the same pixels under other UIDs. */
    static byte[] write(SampleImage sample, BufferedImage image, DicomUids uids) {
        if (sample.pixelType() != PixelType.GREY_16 || image.getType() != BufferedImage.TYPE_USHORT_GRAY) {
            throw new IllegalArgumentException("DICOM samples are 16-bit greyscale: " + sample.name());
        }
        boolean ct = sample.modality().equals("CT");
        String sopClass = switch (sample.modality()) {
            case "CT" -> CT_IMAGE_STORAGE;
            case "MR" -> MR_IMAGE_STORAGE;
            case "CR" -> CR_IMAGE_STORAGE;
            default -> SECONDARY_CAPTURE_STORAGE;
        };
        String sopInstance = uids.sopInstanceUid();
        int maxStored = PixelType.GREY_16.maxSample();

        Elements meta = new Elements();
        meta.bytes(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1});
        meta.text(Tag.MediaStorageSOPClassUID, "UI", sopClass);
        meta.text(Tag.MediaStorageSOPInstanceUID, "UI", sopInstance);
        meta.text(Tag.TransferSyntaxUID, "UI", EXPLICIT_VR_LITTLE_ENDIAN);
        meta.text(Tag.ImplementationClassUID, "UI", IMPLEMENTATION_CLASS_UID);

        Elements data = new Elements();
        data.text(Tag.SOPClassUID, "UI", sopClass);
        data.text(Tag.SOPInstanceUID, "UI", sopInstance);
        data.text(Tag.Modality, "CS", sample.modality());
        data.text(Tag.PatientIdentityRemoved, "CS", "YES");
        data.text(Tag.DeidentificationMethod, "LO", "synthetic phantom, never identified");
        if (sample.bodyPart() != null) {
            data.text(Tag.BodyPartExamined, "CS", sample.bodyPart());
        }
        data.text(Tag.StudyInstanceUID, "UI", uids.studyInstanceUid());
        data.text(Tag.SeriesInstanceUID, "UI", uids.seriesInstanceUid());
        data.unsignedShort(Tag.SamplesPerPixel, 1);
        data.text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2");
        data.unsignedShort(Tag.Rows, image.getHeight());
        data.unsignedShort(Tag.Columns, image.getWidth());
        data.unsignedShort(Tag.BitsAllocated, 16);
        data.unsignedShort(Tag.BitsStored, 12);
        data.unsignedShort(Tag.HighBit, 11);
        data.unsignedShort(Tag.PixelRepresentation, 0);
        if (ct) {
            data.text(Tag.WindowCenter, "DS", "40");
            data.text(Tag.WindowWidth, "DS", "400");
            data.text(Tag.RescaleIntercept, "DS", String.valueOf(-HU_OFFSET));
            data.text(Tag.RescaleSlope, "DS", "1");
            data.text(Tag.RescaleType, "LO", "HU");
        } else {
            data.text(Tag.WindowCenter, "DS", String.format(Locale.ROOT, "%d", maxStored / 2));
            data.text(Tag.WindowWidth, "DS", String.format(Locale.ROOT, "%d", maxStored));
        }
        data.bytes(Tag.PixelData, "OW", littleEndian(image));

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[PREAMBLE_LENGTH]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        Elements groupLength = new Elements();
        groupLength.unsignedLong(Tag.FileMetaInformationGroupLength, meta.size());
        file.writeBytes(groupLength.toByteArray());
        file.writeBytes(meta.toByteArray());
        file.writeBytes(data.toByteArray());
        return file.toByteArray();
    }

    private static byte[] littleEndian(BufferedImage image) {
        short[] samples = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return bytes.array();
    }

    /** A UID under 2.25 (PS3.5 B.2) derived from {@code name}: the same name, the same UID. */
    private static String uuidUid(String name) {
        return UidMinter.fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** Explicit VR little endian elements, in the order written (callers write them ascending). */
    private static final class Elements {

        private static final Set<String> LONG_FORM = Set.of("OB", "OW", "UN", "SQ", "UT");

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void text(int tag, String vr, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length % 2 != 0) {
                // UIDs pad with NUL, every other text VR with a space (PS3.5 6.2).
                bytes = Arrays.copyOf(bytes, bytes.length + 1);
                bytes[bytes.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
            }
            bytes(tag, vr, bytes);
        }

        void unsignedShort(int tag, int value) {
            bytes(tag, "US", ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
        }

        void unsignedLong(int tag, int value) {
            bytes(tag, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        void bytes(int tag, String vr, byte[] value) {
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            header.putShort((short) (tag >>> 16)).putShort((short) tag);
            header.put(vr.getBytes(StandardCharsets.US_ASCII));
            if (LONG_FORM.contains(vr)) {
                header.putShort((short) 0).putInt(value.length);
            } else {
                header.putShort((short) value.length);
            }
            out.write(header.array(), 0, header.position());
            out.writeBytes(value);
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
