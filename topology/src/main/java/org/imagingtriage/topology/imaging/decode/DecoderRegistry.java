package org.imagingtriage.topology.imaging.decode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;
import org.imagingtriage.topology.imaging.dicom.DicomLimits;
import org.imagingtriage.topology.imaging.dicom.pixel.DicomDecoder;
import org.imagingtriage.topology.imaging.dicom.pixel.FramePolicy;

/**
 * The decoder for each {@link ImageFormat}: PNG, JPEG and DICOM are built in; {@link #with}
 * replaces one. Immutable.
 */
public final class DecoderRegistry {

    private final Map<ImageFormat, ImageDecoder> decoders;

    private DecoderRegistry(Map<ImageFormat, ImageDecoder> decoders) {
        this.decoders = decoders;
    }

    /** PNG, JPEG and DICOM under {@code limits}, the DICOM reader under its default caps. */
    public static DecoderRegistry defaults(DecodeLimits limits) {
        return defaults(limits, DicomLimits.defaults());
    }

    /**
     * PNG, JPEG and DICOM under {@code limits}; DICOM files are parsed under {@code dicomLimits}
     * ({@link DicomLimits#forResolver} follows the configured image size caps).
     */
    public static DecoderRegistry defaults(DecodeLimits limits, DicomLimits dicomLimits) {
        return defaults(limits, dicomLimits, FramePolicy.MIDDLE);
    }

    /** As {@link #defaults(DecodeLimits, DicomLimits)}, decoding the frame {@code framePolicy} picks. */
    public static DecoderRegistry defaults(DecodeLimits limits, DicomLimits dicomLimits, FramePolicy framePolicy) {
        Map<ImageFormat, ImageDecoder> decoders = new EnumMap<>(ImageFormat.class);
        decoders.put(ImageFormat.PNG, new PngDecoder(limits));
        decoders.put(ImageFormat.JPEG, new JpegDecoder(limits));
        decoders.put(ImageFormat.DICOM, new DicomDecoder(limits, dicomLimits, framePolicy));
        return new DecoderRegistry(decoders);
    }

    /** A registry that also (or instead) decodes {@code format} with {@code decoder}. */
    public DecoderRegistry with(ImageFormat format, ImageDecoder decoder) {
        Map<ImageFormat, ImageDecoder> more = new EnumMap<>(ImageFormat.class);
        more.putAll(decoders);
        more.put(Objects.requireNonNull(format, "format"), Objects.requireNonNull(decoder, "decoder"));
        return new DecoderRegistry(more);
    }

    public boolean supports(ImageFormat format) {
        return decoders.containsKey(format);
    }

    /** Decodes {@code bytes} as the event's declared {@code format}. */
    public DecodedImage decode(ImageFormat format, byte[] bytes) throws ImagingException {
        ImageDecoder decoder = decoders.get(format);
        if (decoder == null) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "no decoder is registered for " + format);
        }
        return decoder.decode(bytes);
    }
}
