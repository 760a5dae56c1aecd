package org.imagingtriage.topology.imaging.decode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * The decoder for each {@link ImageFormat}. PNG and JPEG are built in; DICOM is refused with
 * UNSUPPORTED_FORMAT until the DICOM issue registers its decoder with {@link #with}. Immutable.
 */
public final class DecoderRegistry {

    private final Map<ImageFormat, ImageDecoder> decoders;

    private DecoderRegistry(Map<ImageFormat, ImageDecoder> decoders) {
        this.decoders = decoders;
    }

    /** PNG and JPEG under {@code limits}; no DICOM yet. */
    public static DecoderRegistry defaults(DecodeLimits limits) {
        Map<ImageFormat, ImageDecoder> decoders = new EnumMap<>(ImageFormat.class);
        decoders.put(ImageFormat.PNG, new PngDecoder(limits));
        decoders.put(ImageFormat.JPEG, new JpegDecoder(limits));
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
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, format == ImageFormat.DICOM
                    ? "DICOM decoding is not available yet: it arrives with the DICOM issue"
                    : "no decoder is registered for " + format);
        }
        return decoder.decode(bytes);
    }
}
