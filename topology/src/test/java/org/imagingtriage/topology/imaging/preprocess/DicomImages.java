package org.imagingtriage.topology.imaging.preprocess;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.LookupTable;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.ModalityLut;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiFunction;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiWindow;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.Samples;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.DicomParseException;
import org.imagingtriage.topology.imaging.dicom.DicomReader;

/** Synthetic DICOM images for the renderer tests: one row of chosen stored values. */
final class DicomImages {

    private DicomImages() {
    }

    static DicomDisplay display(String modality, ModalityLut lut, List<VoiWindow> windows,
            Optional<LookupTable> voiLut, VoiFunction function) {
        return new DicomDisplay(modality, lut, windows, voiLut, function);
    }

    static DicomDisplay windowed(double center, double width, VoiFunction function) {
        return display("MR", ModalityLut.IDENTITY, List.of(new VoiWindow(center, width)), Optional.empty(), function);
    }

    static ModalityLut rescale(double slope, double intercept) {
        return new ModalityLut(slope, intercept, "", Optional.empty());
    }

    /** One row of unsigned 16-bit stored values. */
    static DecodedImage row(Photometric photometric, int bitsStored, DicomDisplay display, int... stored) {
        return shorts(photometric, bitsStored, false, display, stored);
    }

    /** One row of signed (two's complement) 16-bit stored values. */
    static DecodedImage signedRow(DicomDisplay display, int... stored) {
        return shorts(Photometric.MONOCHROME2, 16, true, display, stored);
    }

    private static DecodedImage shorts(Photometric photometric, int bitsStored, boolean signed, DicomDisplay display,
            int... stored) {
        short[] data = new short[stored.length];
        for (int i = 0; i < stored.length; i++) {
            data[i] = (short) stored[i];
        }
        int width = stored.length / photometric.samplesPerPixel();
        return new DecodedImage(width, 1, photometric, bitsStored, new Samples.Shorts(data, signed), Set.of())
                .withDicom(header(), display);
    }

    /** The display values of row 0, as integers. */
    static int[] renderRow(DisplayRenderer renderer, DecodedImage image) throws Exception {
        DisplayImage display = renderer.render(image);
        byte[] row = new byte[display.width() * display.channels()];
        display.readRow(0, row);
        int[] values = new int[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = row[i] & 0xff;
        }
        return values;
    }

    /**
     * A data set to satisfy {@link DecodedImage#withDicom}: the renderer never reads it. Parsed
     * from a minimal Part 10 file (preamble, DICM, transfer syntax, modality) because the reader
     * is the only way to make one.
     */
    static DicomDataset header() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        writeElement(out, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1\0");
        writeElement(out, 0x0008, 0x0060, "CS", "OT");
        try {
            return new DicomReader(DicomLimits.defaults()).readHeader(out.toByteArray()).dataset();
        } catch (DicomParseException e) {
            throw new IllegalStateException("the minimal header must parse: " + e.reason(), e);
        }
    }

    private static void writeElement(ByteArrayOutputStream out, int group, int element, String vr, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        out.write(group & 0xff);
        out.write(group >> 8);
        out.write(element & 0xff);
        out.write(element >> 8);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes.length & 0xff);
        out.write(bytes.length >> 8);
        out.writeBytes(bytes);
    }
}
