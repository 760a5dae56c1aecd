package org.imagingtriage.topology.imaging.dicom.pixel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.LookupTable;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.ModalityLut;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiFunction;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.VoiWindow;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.Tag;

/**
 * Builds {@link DicomDisplay} from a header. Display attributes only tune how an image is shown,
 * so an unusable one (a zero or non-numeric slope, a window narrower than 1, a LUT whose data
 * does not match its descriptor) is dropped and the renderer falls back to its default; it never
 * refuses an image whose pixels decoded.
 */
final class DicomDisplays {

    private DicomDisplays() {
    }

    static DicomDisplay of(DicomDataset dataset) {
        boolean signed = dataset.getInt(Tag.PixelRepresentation).orElse(0) == 1;
        return new DicomDisplay(dataset.getString(Tag.Modality).orElse(""), modalityLut(dataset, signed),
                windows(dataset), firstLut(dataset.getSequence(Tag.VOILUTSequence), signed), function(dataset));
    }

    private static ModalityLut modalityLut(DicomDataset dataset, boolean signed) {
        Optional<LookupTable> table = firstLut(dataset.getSequence(Tag.ModalityLUTSequence), signed);
        if (table.isPresent()) {
            return new ModalityLut(1.0, 0.0, "", table);
        }
        OptionalDouble slope = dataset.getDouble(Tag.RescaleSlope);
        OptionalDouble intercept = dataset.getDouble(Tag.RescaleIntercept);
        double s = slope.orElse(1.0);
        double i = intercept.orElse(0.0);
        if (!Double.isFinite(s) || s == 0.0 || !Double.isFinite(i)) {
            return ModalityLut.IDENTITY;
        }
        return new ModalityLut(s, i, dataset.getString(Tag.RescaleType).orElse(""), Optional.empty());
    }

    /** WindowCenter and WindowWidth values paired in order; a pair with an unusable width is dropped. */
    private static List<VoiWindow> windows(DicomDataset dataset) {
        double[] centers = dataset.getDoubles(Tag.WindowCenter);
        double[] widths = dataset.getDoubles(Tag.WindowWidth);
        List<VoiWindow> windows = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            if (Double.isFinite(centers[i]) && Double.isFinite(widths[i]) && widths[i] >= 1.0) {
                windows.add(new VoiWindow(centers[i], widths[i]));
            }
        }
        return windows;
    }

    private static VoiFunction function(DicomDataset dataset) {
        String term = dataset.getString(Tag.VOILUTFunction).orElse("").strip().toUpperCase(Locale.ROOT);
        for (VoiFunction function : VoiFunction.values()) {
            if (function.name().equals(term)) {
                return function;
            }
        }
        return VoiFunction.LINEAR;
    }

    /** The first item's LUT Descriptor and LUT Data (PS3.3 C.11.1.1), or empty when unusable. */
    private static Optional<LookupTable> firstLut(List<DicomDataset> items, boolean signed) {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        DicomDataset item = items.get(0);
        int[] descriptor = item.getInts(Tag.LUTDescriptor);
        Optional<ByteBuffer> data = item.getBytes(Tag.LUTData);
        if (descriptor.length != 3 || data.isEmpty() || descriptor[2] < 1 || descriptor[2] > 16) {
            return Optional.empty();
        }
        int entries = descriptor[0] == 0 ? 65_536 : descriptor[0];
        // The first mapped value is written as US or SS; for signed pixels it is signed.
        int first = signed && descriptor[1] > Short.MAX_VALUE ? descriptor[1] - 65_536 : descriptor[1];
        ByteBuffer buffer = data.get();
        int[] table = new int[entries];
        if (buffer.remaining() == entries && descriptor[2] <= 8) {
            for (int i = 0; i < entries; i++) {
                table[i] = buffer.get(i) & 0xff;
            }
        } else if (buffer.remaining() >= 2 * entries) {
            for (int i = 0; i < entries; i++) {
                table[i] = buffer.getShort(2 * i) & 0xffff;
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new LookupTable(first, descriptor[2], table));
    }
}
