package org.imagingtriage.topology.imaging.decode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a DICOM file says about showing its stored pixel values (PS3.3 C.11): the modality LUT
 * that turns them into meaningful units (Hounsfield units for CT), the VOI windows or LUT that
 * pick the range of interest, and the modality, which decides CT's three-window rendering.
 * PNG and JPEG images have none; their samples are shown as they are.
 *
 * @param modality    Modality (0008,0060), such as CT or CR; empty when the file has none
 * @param modalityLut RescaleSlope/Intercept/Type or the first Modality LUT Sequence item
 * @param windows     WindowCenter/WindowWidth pairs in file order (the first is the default);
 *                    empty when the file has none or they are unusable (width below 1)
 * @param voiLut      the first VOI LUT Sequence item, used when there is no window
 * @param voiFunction VOILUTFunction (0028,1056); LINEAR when absent or unknown
 */
public record DicomDisplay(String modality, ModalityLut modalityLut, List<VoiWindow> windows,
        Optional<LookupTable> voiLut, VoiFunction voiFunction) {

    public DicomDisplay {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(modalityLut, "modalityLut");
        windows = List.copyOf(windows);
        Objects.requireNonNull(voiLut, "voiLut");
        Objects.requireNonNull(voiFunction, "voiFunction");
    }

    /** Rescale slope and intercept (PS3.3 C.11.1), or a lookup table that replaces them. */
    public record ModalityLut(double slope, double intercept, String rescaleType, Optional<LookupTable> table) {

        public static final ModalityLut IDENTITY = new ModalityLut(1.0, 0.0, "", Optional.empty());

        public ModalityLut {
            if (!Double.isFinite(slope) || !Double.isFinite(intercept) || slope == 0.0) {
                throw new IllegalArgumentException("rescale slope must be finite and non-zero, intercept finite");
            }
            Objects.requireNonNull(rescaleType, "rescaleType");
            Objects.requireNonNull(table, "table");
        }
    }

    /** One window (PS3.3 C.11.2.1.2); {@code width >= 1}. */
    public record VoiWindow(double center, double width) {

        public VoiWindow {
            if (!Double.isFinite(center) || !Double.isFinite(width) || width < 1.0) {
                throw new IllegalArgumentException("window center must be finite and width at least 1");
            }
        }
    }

    /** VOILUTFunction (0028,1056). */
    public enum VoiFunction {
        LINEAR, LINEAR_EXACT, SIGMOID
    }

    /**
     * A LUT Descriptor (number of entries, first stored value mapped, bits per entry) with its
     * data (PS3.3 C.11.1.1 and C.11.2.1.1). Input below {@code firstMapped} takes the first entry,
     * above the last mapped value the last entry.
     */
    public record LookupTable(int firstMapped, int bitsPerEntry, int[] entries) {

        public LookupTable {
            if (bitsPerEntry < 1 || bitsPerEntry > 16) {
                throw new IllegalArgumentException("LUT bits per entry must be 1..16, got " + bitsPerEntry);
            }
            if (entries.length < 1 || entries.length > 65_536) {
                throw new IllegalArgumentException("a LUT has 1..65536 entries, got " + entries.length);
            }
            entries = entries.clone();
        }

        /** The entry for stored value {@code value}. */
        public int lookup(int value) {
            int index = value - firstMapped;
            return entries[Math.max(0, Math.min(entries.length - 1, index))];
        }

        public int size() {
            return entries.length;
        }

        @Override
        public int[] entries() {
            return entries.clone();
        }
    }
}
