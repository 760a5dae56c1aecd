package org.imagingtriage.topology.imaging.dicom;

import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A parsed DICOM Part 10 file: its file meta group, the transfer syntax its data set was read
 * in, the data set, and what the reader tolerated. Immutable (the data sets are views of the
 * parsed bytes; see {@link DicomDataset}).
 */
public final class DicomFile {

    private final DicomDataset fileMetaInformation;
    private final TransferSyntax transferSyntax;
    private final DicomDataset dataset;
    private final int pixelDataOffset;
    private final boolean headerOnly;
    private final Set<Deviation> deviations;

    DicomFile(DicomDataset fileMetaInformation, TransferSyntax transferSyntax, DicomDataset dataset,
            int pixelDataOffset, boolean headerOnly, Set<Deviation> deviations) {
        this.fileMetaInformation = fileMetaInformation;
        this.transferSyntax = transferSyntax;
        this.dataset = dataset;
        this.pixelDataOffset = pixelDataOffset;
        this.headerOnly = headerOnly;
        this.deviations = deviations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(deviations));
    }

    /** The group-0002 elements. */
    public DicomDataset fileMetaInformation() {
        return fileMetaInformation;
    }

    /**
     * The syntax the data set was read in: the declared one, or explicit/implicit VR little
     * endian when the file meta group names none ({@link Deviation#TRANSFER_SYNTAX_MISSING}).
     */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** The data set; after {@link DicomReader#readHeader} it stops before the top-level pixel data. */
    public DicomDataset dataset() {
        return dataset;
    }

    /** True when read by {@link DicomReader#readHeader}: nothing from the pixel data on was parsed. */
    public boolean isHeaderOnly() {
        return headerOnly;
    }

    /** The top-level pixel data; always empty for a header-only read. */
    public Optional<PixelData> pixelData() {
        return dataset.pixelData();
    }

    /**
     * Where the top-level pixel data element's header starts in the parsed bytes (the inflated
     * data set for a deflated syntax), in both kinds of read; empty when the file has none.
     */
    public OptionalInt pixelDataOffset() {
        return pixelDataOffset < 0 ? OptionalInt.empty() : OptionalInt.of(pixelDataOffset);
    }

    /**
     * Frames in the pixel data: NumberOfFrames, 1 when the attribute is absent (single-frame
     * IODs omit it), empty when it is present but not a positive integer.
     */
    public OptionalInt numberOfFrames() {
        if (!dataset.contains(Tag.NumberOfFrames)) {
            return OptionalInt.of(1);
        }
        OptionalInt frames = dataset.getInt(Tag.NumberOfFrames);
        return frames.isPresent() && frames.getAsInt() >= 1 ? frames : OptionalInt.empty();
    }

    /** What the reader tolerated in this file; empty for a conformant one. */
    public Set<Deviation> deviations() {
        return deviations;
    }

    @Override
    public String toString() {
        return "DicomFile[" + transferSyntax.name() + ", " + dataset.size() + " elements"
                + (headerOnly ? ", header only" : "")
                + (deviations.isEmpty() ? "" : ", deviations " + deviations) + "]";
    }
}
