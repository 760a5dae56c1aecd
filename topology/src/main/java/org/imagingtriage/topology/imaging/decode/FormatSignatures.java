package org.imagingtriage.topology.imaging.decode;

import java.util.Optional;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * The leading bytes that identify each format, checked before a decoder sees the file: a feed
 * that labels a JPEG as PNG gets a precise FORMAT_MISMATCH rather than a vague CORRUPT_IMAGE.
 */
public final class FormatSignatures {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** JPEG's SOI marker followed by the 0xFF that starts the next marker. */
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    /** DICOM Part 10: a 128-byte preamble, then "DICM". */
    private static final int DICOM_PREFIX_OFFSET = 128;
    private static final byte[] DICOM_PREFIX = {'D', 'I', 'C', 'M'};

    private FormatSignatures() {
    }

    /** The format whose signature starts {@code bytes}, if any. */
    public static Optional<ImageFormat> detect(byte[] bytes) {
        for (ImageFormat format : ImageFormat.values()) {
            if (matches(format, bytes)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Refuses {@code bytes} unless they start with {@code declared}'s signature. */
    public static void require(ImageFormat declared, byte[] bytes) throws ImagingException {
        if (matches(declared, bytes)) {
            return;
        }
        if (bytes.length < signatureLength(declared)) {
            throw new ImagingException(ImagingReason.CORRUPT_IMAGE, "only " + bytes.length
                    + " bytes: too short to hold a " + declared + " signature");
        }
        String found = detect(bytes).map(format -> "a " + format + " signature").orElse("no known image signature");
        throw new ImagingException(ImagingReason.FORMAT_MISMATCH,
                "declared " + declared + " but the bytes carry " + found);
    }

    static boolean matches(ImageFormat format, byte[] bytes) {
        return switch (format) {
            case PNG -> startsWith(bytes, 0, PNG);
            case JPEG -> startsWith(bytes, 0, JPEG);
            case DICOM -> startsWith(bytes, DICOM_PREFIX_OFFSET, DICOM_PREFIX);
        };
    }

    private static int signatureLength(ImageFormat format) {
        return switch (format) {
            case PNG -> PNG.length;
            case JPEG -> JPEG.length;
            case DICOM -> DICOM_PREFIX_OFFSET + DICOM_PREFIX.length;
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
