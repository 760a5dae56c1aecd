package org.imagingtriage.topology.imaging.decode;

import java.util.Objects;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.decode.JpegSegmentScanner.JpegLayout;

/**
 * Baseline, extended and progressive 8-bit JPEG, greyscale or YCbCr/RGB, through ImageIO.
 *
 * <p>Refused by name before decoding: four-component files (CMYK, YCCK), which ImageIO returns
 * as raw CMYK samples that cannot be shown faithfully without colour management; 12-bit,
 * lossless and arithmetic-coded files, which ImageIO's decoder cannot read (they occur inside
 * DICOM, whose decoder will handle them).
 */
public final class JpegDecoder implements ImageDecoder {

    private static final int SOF_BASELINE = 0xc0;
    private static final int SOF_EXTENDED = 0xc1;
    private static final int SOF_PROGRESSIVE = 0xc2;

    private final DecodeLimits limits;

    public JpegDecoder(DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public DecodedImage decode(byte[] bytes) throws ImagingException {
        FormatSignatures.require(ImageFormat.JPEG, bytes);
        JpegLayout layout = JpegSegmentScanner.scan(bytes);
        requireSupported(layout);
        return ImageIoDecoding.decode("jpeg", bytes, limits, layout.metadataKeys());
    }

    private static void requireSupported(JpegLayout layout) throws ImagingException {
        int marker = layout.frameMarker();
        if (marker != SOF_BASELINE && marker != SOF_EXTENDED && marker != SOF_PROGRESSIVE) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "JPEG coding process SOF"
                    + (marker - 0xc0) + " (lossless, hierarchical or arithmetic) is not supported");
        }
        if (layout.precision() != 8) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT,
                    layout.precision() + "-bit JPEG is not supported; only 8-bit");
        }
        if (layout.components() == 4) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_COLOR_SPACE,
                    "four-component (CMYK or YCCK) JPEG is not supported");
        }
        if (layout.components() != 1 && layout.components() != 3) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_COLOR_SPACE,
                    "JPEG with " + layout.components() + " components is not supported; only 1 (grey) or 3 (colour)");
        }
    }
}
