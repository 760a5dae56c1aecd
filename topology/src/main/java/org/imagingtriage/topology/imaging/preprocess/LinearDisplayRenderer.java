package org.imagingtriage.topology.imaging.preprocess;

import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.Photometric;
import org.imagingtriage.topology.imaging.decode.Samples;

/**
 * The renderer for PNG and JPEG: a linear map of the samples onto [0, 255].
 *
 * <p>Up to 8 bits and all RGB: the nominal range maps onto [0, 255], so 8-bit images pass
 * unchanged. Deeper greyscale (16-bit PNG): the image's own minimum and maximum map onto 0 and
 * 255, because such files rarely use their nominal range (a 12-bit detector in a 16-bit PNG would
 * otherwise be nearly black); a flat image falls back to the nominal range. MONOCHROME1 is
 * inverted. Proper VOI windowing is the DICOM renderer's job.
 */
public final class LinearDisplayRenderer implements DisplayRenderer {

    public static final String VERSION = "linear-minmax-v1";

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public DisplayImage render(DecodedImage image) throws ImagingException {
        Samples samples = image.samples();
        boolean signed = samples instanceof Samples.Shorts shorts && shorts.signed();
        int bits = image.bitsStored();
        int nominalLow = signed ? -(1 << (bits - 1)) : 0;
        int nominalHigh = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        if (image.samplesPerPixel() == 1 && bits > 8) {
            int[] range = minMax(samples);
            if (range[1] > range[0]) {
                return new LinearRows(image, range[0], range[1]);
            }
        } else if (image.samplesPerPixel() != 1 && image.photometric() != Photometric.RGB) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_PIXEL_LAYOUT,
                    "no linear rendering for " + image.photometric());
        }
        return new LinearRows(image, nominalLow, nominalHigh);
    }

    private static int[] minMax(Samples samples) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0, n = samples.length(); i < n; i++) {
            int value = samples.get(i);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new int[] {min, max};
    }

    /** Rows of {@code (sample - low) * 255 / (high - low)}, rounded, inverted for MONOCHROME1. */
    private static final class LinearRows implements DisplayImage {

        private final DecodedImage image;
        private final int low;
        private final double scale;
        private final boolean invert;
        private final int rowLength;

        LinearRows(DecodedImage image, int low, int high) {
            this.image = image;
            this.low = low;
            this.scale = 255.0 / (high - low);
            this.invert = image.photometric() == Photometric.MONOCHROME1;
            this.rowLength = image.width() * image.samplesPerPixel();
        }

        @Override
        public int width() {
            return image.width();
        }

        @Override
        public int height() {
            return image.height();
        }

        @Override
        public int channels() {
            return image.samplesPerPixel();
        }

        @Override
        public void readRow(int y, byte[] destination) {
            Samples samples = image.samples();
            int base = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                // Rounded half up; samples outside [low, high] cannot occur, but are clamped if they do.
                int value = Math.min(255, Math.max(0, (int) ((samples.get(base + i) - low) * scale + 0.5)));
                destination[i] = (byte) (invert ? 255 - value : value);
            }
        }
    }
}
