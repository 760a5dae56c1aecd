package org.imagingtriage.topology.imaging.decode;

import java.util.Objects;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.ImagingException;

/**
 * PNG through ImageIO: 1- to 16-bit greyscale, RGB, greyscale or RGB with alpha (composited on
 * black), palette. Structure and CRCs are checked before decoding, and the text-chunk keywords
 * are kept for the de-identification gate.
 */
public final class PngDecoder implements ImageDecoder {

    private final DecodeLimits limits;

    public PngDecoder(DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public DecodedImage decode(byte[] bytes) throws ImagingException {
        FormatSignatures.require(ImageFormat.PNG, bytes);
        return ImageIoDecoding.decode("png", bytes, limits, PngChunkScanner.metadataKeys(bytes));
    }
}
