package org.imagingtriage.topology.imaging.decode;

import org.imagingtriage.topology.imaging.ImagingException;

/**
 * Decodes one image file of one format. PNG and JPEG now; the DICOM issue adds its decoder
 * behind this interface and registers it in {@link DecoderRegistry}.
 *
 * <p>Contract: check the bytes' signature against the format ({@code FORMAT_MISMATCH}), read
 * the dimensions from the header and refuse over the {@link DecodeLimits} before decoding
 * ({@code PIXEL_LIMIT_EXCEEDED}), and report every failure as an {@link ImagingException} at the
 * DECODE stage; no unchecked exception may escape for any input bytes. Implementations are
 * stateless and thread-safe.
 */
public interface ImageDecoder {

    DecodedImage decode(byte[] bytes) throws ImagingException;
}
