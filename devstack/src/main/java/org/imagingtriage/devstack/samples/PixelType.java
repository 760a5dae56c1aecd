package org.imagingtriage.devstack.samples;

import java.awt.image.BufferedImage;

/** Samples per pixel and bits per sample of a sample image, as ImageIO stores them. */
public enum PixelType {

    /** 8-bit greyscale: most JPEG radiographs, CT and MR exports. */
    GREY_8(BufferedImage.TYPE_BYTE_GRAY, 255),
    /**
     * 16-bit greyscale samples holding a 12-bit detector's range (0..4095), as CR, DX and MR
     * exports usually do: the pipeline's renderer must stretch the image's own minimum and
     * maximum rather than the nominal 16-bit range.
     */
    GREY_16(BufferedImage.TYPE_USHORT_GRAY, 4_095),
    /** 8-bit RGB: photographs (dermatology, ophthalmology). */
    RGB_8(BufferedImage.TYPE_3BYTE_BGR, 255);

    private final int bufferedImageType;
    private final int maxSample;

    PixelType(int bufferedImageType, int maxSample) {
        this.bufferedImageType = bufferedImageType;
        this.maxSample = maxSample;
    }

    int bufferedImageType() {
        return bufferedImageType;
    }

    int maxSample() {
        return maxSample;
    }

    boolean isColour() {
        return this == RGB_8;
    }
}
