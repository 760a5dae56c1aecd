package org.imagingtriage.topology.imaging.dicom.pixel;

import java.util.Optional;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DicomDisplay;
import org.imagingtriage.topology.imaging.decode.DicomDisplay.ModalityLut;
import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * 32-bit pixel data (RT dose grids, 32-bit secondary captures) brought down to the 16 bits the
 * renderer works in, keeping what the pixels mean.
 *
 * <p>The stored words are first reduced to their values as {@link StoredValues} does for narrower
 * data (BitsStored bits ending at HighBit, sign-extended for PixelRepresentation 1). Then:
 * <ul>
 *   <li>Greyscale: the values are offset by their minimum and, only when they span more than
 *       65,536 steps, scaled onto [0, 65535] (rounded half up). The modality rescale is adjusted
 *       to match ({@code slope' = slope * step}, {@code intercept' = intercept + slope * minimum}),
 *       so modality values, and with them windows, VOI LUTs and CT's HU windows, mean what they
 *       did; a dose grid spanning 459,000 steps keeps a resolution of 1 part in 65,535 of its
 *       range, far below the 8 bits shown. A Modality LUT table indexes the 32-bit values
 *       themselves and cannot be carried over: refused.
 *   <li>RGB: each sample keeps its top 16 stored bits, as 255 * v / (2^bits - 1) would map it
 *       to the same 8-bit output within a rounding step.
 * </ul>
 */
final class WideSamples {

    private static final long STEPS = 65_535;

    private WideSamples() {
    }

    /**
     * @param samples 16-bit values for the renderer
     * @param bitsStored the bits those values use
     * @param display the file's display attributes, rescale adjusted for greyscale
     */
    record Reduced(Samples samples, int bitsStored, DicomDisplay display) {
    }

    static Reduced reduce(ImageDescriptor image, int[] words, DicomDisplay display) throws ImagingException {
        StoredBits bits = new StoredBits(image);
        if (image.samplesPerPixel() == 3) {
            return rgb(image, words, bits, display);
        }
        return grey(words, bits, display);
    }

    /** The stored bits of a word as its value, unsigned or sign-extended; computed per use, never stored. */
    private record StoredBits(int shift, long mask, int extend, boolean signed) {

        StoredBits(ImageDescriptor image) {
            this(image.shift(), (1L << image.bitsStored()) - 1, 64 - image.bitsStored(), image.signed());
        }

        long value(int word) {
            long value = ((word & 0xffff_ffffL) >>> shift) & mask;
            return signed ? (value << extend) >> extend : value;
        }
    }

    private static Reduced rgb(ImageDescriptor image, int[] words, StoredBits bits, DicomDisplay display)
            throws ImagingException {
        if (image.signed()) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "signed 32-bit RGB samples have no"
                    + " colour meaning");
        }
        int drop = Math.max(0, image.bitsStored() - 16);
        short[] out = new short[words.length];
        for (int i = 0; i < words.length; i++) {
            out[i] = (short) (bits.value(words[i]) >>> drop);
        }
        return new Reduced(new Samples.Shorts(out, false), image.bitsStored() - drop, display);
    }

    private static Reduced grey(int[] words, StoredBits bits, DicomDisplay display) throws ImagingException {
        ModalityLut modality = display.modalityLut();
        if (modality.table().isPresent()) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "a Modality LUT table on 32-bit pixel"
                    + " samples is not supported");
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int word : words) {
            long value = bits.value(word);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        long range = max - min;
        short[] out = new short[words.length];
        double step;
        if (range <= STEPS) {
            step = 1.0;
            for (int i = 0; i < words.length; i++) {
                out[i] = (short) (bits.value(words[i]) - min);
            }
        } else {
            // Range is at most 2^32 - 1, so (value - min) * 65535 fits a long with room to spare.
            step = (double) range / STEPS;
            for (int i = 0; i < words.length; i++) {
                out[i] = (short) (((bits.value(words[i]) - min) * STEPS + range / 2) / range);
            }
        }
        ModalityLut rescaled = new ModalityLut(modality.slope() * step, modality.intercept() + modality.slope() * min,
                modality.rescaleType(), Optional.empty());
        DicomDisplay adjusted = new DicomDisplay(display.modality(), rescaled, display.windows(), display.voiLut(),
                display.voiFunction());
        return new Reduced(new Samples.Shorts(out, false), 16, adjusted);
    }
}
