package org.imagingtriage.topology.imaging.preprocess;

import java.util.Optional;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.LookupTable;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.ModalityLut;

/**
 * The modality LUT stage (PS3.3 C.11.1): stored pixel value to modality value, Hounsfield units
 * for CT. A Modality LUT Sequence, when present, replaces rescale slope and intercept (the two are
 * mutually exclusive in the standard; the table is the more specific when a writer sends both).
 */
final class ModalityTransform {

    private final double slope;
    private final double intercept;
    private final Optional<LookupTable> table;

    private ModalityTransform(ModalityLut lut) {
        this.slope = lut.slope();
        this.intercept = lut.intercept();
        this.table = lut.table();
    }

    static ModalityTransform of(ModalityLut lut) {
        return new ModalityTransform(lut);
    }

    /** {@code slope * stored + intercept}, or the table's entry for {@code stored}. */
    double apply(int stored) {
        if (table.isPresent()) {
            return table.get().lookup(stored);
        }
        return slope * stored + intercept;
    }

    /** With a table the transform need not be monotone, so a range's ends do not bound its values. */
    boolean hasTable() {
        return table.isPresent();
    }
}
