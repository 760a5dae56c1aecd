package org.imagingtriage.topology.imaging.dicom.pixel;

import java.util.OptionalInt;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;
import org.imagingtriage.topology.imaging.dicom.DicomFile;
import org.imagingtriage.topology.imaging.dicom.Tag;

/**
 * The Image Pixel module attributes (PS3.3 C.7.6.3) that say how to read the pixel data, checked
 * for consistency before any pixel is touched. Messages name attributes and the numbers
 * allowed, never the file's values beyond small integers that cannot identify anyone.
 *
 * @param shift bits below the stored ones: HighBit + 1 - BitsStored (0 in nearly every file)
 */
record ImageDescriptor(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int shift,
        boolean signed, boolean planar, PhotometricInterpretation photometric, int frames) {

    /** Samples in one frame once decoded: rows x columns x samples per pixel (fits an int under the caps). */
    long samplesPerFrame() {
        return (long) rows * columns * samplesPerPixel;
    }

    static ImageDescriptor of(DicomFile file) throws ImagingException {
        DicomDataset dataset = file.dataset();
        int rows = required(dataset, Tag.Rows);
        int columns = required(dataset, Tag.Columns);
        PhotometricInterpretation photometric = dataset.getString(Tag.PhotometricInterpretation)
                .flatMap(PhotometricInterpretation::forTerm)
                .orElseThrow(() -> new ImagingException(ImagingReason.UNSUPPORTED_COLOR_SPACE,
                        Tag.describe(Tag.PhotometricInterpretation) + " is absent or not one of "
                                + PhotometricInterpretation.SUPPORTED));
        int samplesPerPixel = dataset.getInt(Tag.SamplesPerPixel).orElse(photometric.samplesPerPixel());
        if (samplesPerPixel != photometric.samplesPerPixel()) {
            throw corrupt(Tag.describe(Tag.SamplesPerPixel) + " is " + samplesPerPixel + " where "
                    + photometric.name() + " has " + photometric.samplesPerPixel());
        }
        int bitsAllocated = required(dataset, Tag.BitsAllocated);
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw corrupt(Tag.describe(Tag.BitsAllocated) + " is " + bitsAllocated + "; 1, 8, 16 or 32 is supported");
        }
        if (bitsAllocated == 32 && photometric != PhotometricInterpretation.MONOCHROME1
                && photometric != PhotometricInterpretation.MONOCHROME2 && photometric != PhotometricInterpretation.RGB) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "32-bit pixel samples are supported for"
                    + " MONOCHROME1, MONOCHROME2 and RGB, not " + photometric.name());
        }
        int bitsStored = dataset.getInt(Tag.BitsStored).orElse(bitsAllocated);
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw corrupt(Tag.describe(Tag.BitsStored) + " must be 1.." + bitsAllocated);
        }
        int highBit = dataset.getInt(Tag.HighBit).orElse(bitsStored - 1);
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw corrupt(Tag.describe(Tag.HighBit) + " must be " + (bitsStored - 1) + ".." + (bitsAllocated - 1));
        }
        int representation = dataset.getInt(Tag.PixelRepresentation).orElse(0);
        if (representation != 0 && representation != 1) {
            throw corrupt(Tag.describe(Tag.PixelRepresentation) + " must be 0 or 1");
        }
        if (bitsAllocated == 1 && samplesPerPixel != 1) {
            throw corrupt("1-bit pixel data must be greyscale");
        }
        int planarConfiguration = samplesPerPixel == 1 ? 0 : dataset.getInt(Tag.PlanarConfiguration).orElse(0);
        if (planarConfiguration != 0 && planarConfiguration != 1) {
            throw corrupt(Tag.describe(Tag.PlanarConfiguration) + " must be 0 or 1");
        }
        OptionalInt frames = file.numberOfFrames();
        if (frames.isEmpty()) {
            throw corrupt(Tag.describe(Tag.NumberOfFrames) + " is not a positive integer");
        }
        // Palette indices are unsigned whatever PixelRepresentation says: they index a table.
        boolean signed = representation == 1 && photometric != PhotometricInterpretation.PALETTE_COLOR
                && bitsAllocated > 1;
        return new ImageDescriptor(rows, columns, samplesPerPixel, bitsAllocated, bitsStored,
                highBit + 1 - bitsStored, signed, planarConfiguration == 1, photometric, frames.getAsInt());
    }

    private static int required(DicomDataset dataset, int tag) throws ImagingException {
        OptionalInt value = dataset.getInt(tag);
        if (value.isEmpty() || value.getAsInt() < 1) {
            throw corrupt(Tag.describe(tag) + " is absent or not a positive integer");
        }
        return value.getAsInt();
    }

    static ImagingException corrupt(String detail) {
        return new ImagingException(ImagingReason.CORRUPT_IMAGE, "DICOM pixel data: " + detail);
    }
}
