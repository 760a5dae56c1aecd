package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * Picks a greyscale image's VOI transform in the order PS3.3 C.8.11.3.1.5 and viewers use: the
 * first window (the file's default) with the file's VOI LUT Function; else the first VOI LUT
 * Sequence item; else the image's own range of modality values, so an image that says nothing
 * about display still uses all 256 levels.
 */
final class VoiSelection {

    private VoiSelection() {
    }

    static VoiTransform choose(DicomDisplay display, ModalityTransform modality, Samples samples, StoredRange range) {
        if (!display.windows().isEmpty()) {
            return WindowFunctions.of(display.windows().get(0), display.voiFunction());
        }
        if (display.voiLut().isPresent()) {
            return new VoiLutTransform(display.voiLut().get());
        }
        double[] minMax = modalityMinMax(modality, samples, range);
        return WindowFunctions.minMax(minMax[0], minMax[1]);
    }

    /**
     * The least and greatest modality value of the samples present. A rescale is monotone, so the
     * ends of the stored range suffice; a modality LUT table need not be, so then only the stored
     * values that occur count (one extra pass, marking them).
     */
    static double[] modalityMinMax(ModalityTransform modality, Samples samples, StoredRange range) {
        if (!modality.hasTable()) {
            double a = modality.apply(range.min());
            double b = modality.apply(range.max());
            return new double[] {Math.min(a, b), Math.max(a, b)};
        }
        boolean[] present = new boolean[range.size()];
        for (int i = 0, n = samples.length(); i < n; i++) {
            present[samples.get(i) - range.min()] = true;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                double value = modality.apply(range.min() + i);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return new double[] {min, max};
    }
}
