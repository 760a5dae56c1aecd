package org.imagingtriage.topology.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.topology.imaging.decode.FormatSignatures;

/**
 * A file's image format from its leading bytes, with the signatures the pipeline's decoders check
 * (PNG magic, JPEG SOI, DICOM's {@code DICM} after the 128-byte preamble): extensions lie, and an
 * event whose declared format disagrees with its bytes is dead-lettered as FORMAT_MISMATCH.
 */
public final class FormatDetector {

    /** Enough for every signature: DICOM's ends at byte 132. */
    static final int HEADER_BYTES = 132;

    private FormatDetector() {
    }

    /** Reads at most {@value #HEADER_BYTES} bytes. */
    public static Optional<ImageFormat> detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return FormatSignatures.detect(in.readNBytes(HEADER_BYTES));
        }
    }
}
