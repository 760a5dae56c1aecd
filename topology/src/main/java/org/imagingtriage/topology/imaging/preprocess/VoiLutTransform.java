package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.decode.DicomDisplay.LookupTable;

/**
 * A VOI LUT Sequence item as a {@link VoiTransform} (PS3.3 C.11.2.1.1). Its input is the modality
 * value, rounded half up to an integer (tables are indexed by integers; a rescaled value may carry
 * a fraction); values outside the table take its first or last entry. Its output is scaled from
 * the entry range {@code [0, 2^bitsPerEntry - 1]} onto [0, 255].
 */
final class VoiLutTransform implements VoiTransform {

    private final LookupTable table;
    private final double firstMapped;
    private final double lastMapped;
    private final double scale;

    VoiLutTransform(LookupTable table) {
        this.table = table;
        this.firstMapped = table.firstMapped();
        this.lastMapped = (double) table.firstMapped() + table.size() - 1;
        this.scale = 255.0 / ((1 << table.bitsPerEntry()) - 1);
    }

    @Override
    public double apply(double modalityValue) {
        // Clamped in double first: an extreme rescale would overflow the table's int index.
        double clamped = Math.max(firstMapped, Math.min(lastMapped, Math.floor(modalityValue + 0.5)));
        return Math.min(255.0, table.lookup((int) clamped) * scale);
    }
}
