package org.imagingtriage.topology.imaging.decode;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.imagingtriage.topology.imaging.dicom.DicomDataset;

/**
 * One decoded image frame: dimensions, how to show the samples, the samples themselves and the
 * names of the metadata the file carried (for the de-identification gate).
 *
 * <p>General enough for DICOM: {@code bitsStored} up to 16, signed samples, MONOCHROME1. What
 * DICOM adds for display (modality LUT, VOI windows) belongs to its renderer, not here.
 */
public final class DecodedImage {

    /**
     * No side may be longer than this, whatever a decoder's limits allow: it bounds the
     * resampler's weight tables and keeps {@code width * height * samples} far from overflow.
     */
    public static final int MAX_SIDE = 65_535;

    /**
     * No image may hold more pixels than this, whatever a decoder's limits allow: three samples
     * of each, and ImageIO's four of an RGBA image, must fit a Java array.
     */
    public static final long MAX_PIXELS = 1L << 28;

    private final int width;
    private final int height;
    private final Photometric photometric;
    private final int bitsStored;
    private final Samples samples;
    private final Set<String> metadataKeys;
    private final Optional<DicomDisplay> dicomDisplay;
    private final Optional<DicomDataset> dicomHeader;

    /**
     * @param metadataKeys names (never values) of the file's metadata entries, as found in the
     *     file: PNG text-chunk keywords, JPEG segment kinds ({@code COM}, {@code EXIF}, ...);
     *     untrusted strings, so never logged or echoed
     */
    public DecodedImage(int width, int height, Photometric photometric, int bitsStored, Samples samples,
            Set<String> metadataKeys) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("image sides must be 1.." + MAX_SIDE + " and hold at most " + MAX_PIXELS
                    + " pixels, got " + width + "x" + height);
        }
        Objects.requireNonNull(photometric, "photometric");
        Objects.requireNonNull(samples, "samples");
        int maxBits = samples instanceof Samples.Bytes ? 8 : 16;
        if (bitsStored < 1 || bitsStored > maxBits) {
            throw new IllegalArgumentException("bitsStored must be 1.." + maxBits + " for "
                    + samples.getClass().getSimpleName() + ", got " + bitsStored);
        }
        long expected = (long) width * height * photometric.samplesPerPixel();
        if (samples.length() != expected) {
            throw new IllegalArgumentException("expected " + expected + " samples for " + width + "x" + height + " "
                    + photometric + ", got " + samples.length());
        }
        this.width = width;
        this.height = height;
        this.photometric = photometric;
        this.bitsStored = bitsStored;
        this.samples = samples;
        this.metadataKeys = Set.copyOf(metadataKeys);
        this.dicomDisplay = Optional.empty();
        this.dicomHeader = Optional.empty();
    }

    private DecodedImage(DecodedImage image, DicomDataset header, DicomDisplay display) {
        this.width = image.width;
        this.height = image.height;
        this.photometric = image.photometric;
        this.bitsStored = image.bitsStored;
        this.samples = image.samples;
        this.metadataKeys = image.metadataKeys;
        this.dicomDisplay = Optional.of(Objects.requireNonNull(display, "display"));
        this.dicomHeader = Optional.of(Objects.requireNonNull(header, "header"));
    }

    /**
     * This image with its DICOM file's header (for the de-identification gate) and what the
     * header says about showing it (for the renderer).
     */
    public DecodedImage withDicom(DicomDataset header, DicomDisplay display) {
        return new DecodedImage(this, header, display);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Photometric photometric() {
        return photometric;
    }

    public int samplesPerPixel() {
        return photometric.samplesPerPixel();
    }

    /** Significant bits per sample: 8 for most PNG and JPEG, 16 for 16-bit PNG, 10 to 16 for DICOM. */
    public int bitsStored() {
        return bitsStored;
    }

    public Samples samples() {
        return samples;
    }

    /** Convenience for tests and diagnostics; renderers walk {@link #samples()} directly. */
    public int sample(int x, int y, int channel) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(channel, samplesPerPixel());
        return samples.get((y * width + x) * samplesPerPixel() + channel);
    }

    public Set<String> metadataKeys() {
        return metadataKeys;
    }

    /**
     * The DICOM data set the image came from, pixel data aside; empty for PNG and JPEG. Its values
     * may identify a patient: read by the de-identification gate, never logged or echoed.
     */
    public Optional<DicomDataset> dicomHeader() {
        return dicomHeader;
    }

    /** The DICOM display attributes; empty for PNG and JPEG, whose samples are shown as they are. */
    public Optional<DicomDisplay> dicomDisplay() {
        return dicomDisplay;
    }
}
