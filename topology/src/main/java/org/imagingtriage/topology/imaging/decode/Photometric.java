package org.imagingtriage.topology.imaging.decode;

/**
 * How decoded samples are meant to be shown, in DICOM's terms so the DICOM decoder can use it
 * unchanged. Palette and YCbCr data are converted to RGB while decoding, so they never appear
 * here.
 */
public enum Photometric {

    /** Greyscale, the minimum sample shown as white (some CR and DX images). */
    MONOCHROME1(1),
    /** Greyscale, the minimum sample shown as black. */
    MONOCHROME2(1),
    /** Three samples per pixel, red, green, blue. */
    RGB(3);

    private final int samplesPerPixel;

    Photometric(int samplesPerPixel) {
        this.samplesPerPixel = samplesPerPixel;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }
}
