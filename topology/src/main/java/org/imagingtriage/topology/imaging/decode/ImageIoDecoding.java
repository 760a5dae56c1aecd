package org.imagingtriage.topology.imaging.decode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * The ImageIO part shared by the PNG and JPEG decoders: header first, caps, then pixels, with
 * every ImageIO failure, warning or runtime exception turned into CORRUPT_IMAGE.
 */
final class ImageIoDecoding {

    private ImageIoDecoding() {
    }

    static DecodedImage decode(String formatName, byte[] bytes, DecodeLimits limits, Set<String> metadataKeys)
            throws ImagingException {
        String format = formatName.toUpperCase(Locale.ROOT);
        ImageReader reader = ImageIoReaders.forFormat(formatName);
        AtomicBoolean warned = new AtomicBoolean();
        reader.addIIOReadWarningListener((source, warning) -> warned.set(true));
        // A memory-cached stream built here, not ImageIO.createImageInputStream: that one may
        // cache to temporary files depending on a process-wide ImageIO setting.
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // seekForwardOnly, ignoreMetadata: the scanners have read the metadata already.
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (!limits.admits(width, height)) {
                throw new ImagingException(ImagingReason.PIXEL_LIMIT_EXCEEDED, "the " + format + " header declares "
                        + width + "x" + height + "; the caps are " + limits.maxPixels() + " pixels and "
                        + limits.maxSide() + " per side");
            }
            BufferedImage image = reader.read(0);
            // ImageIO's JPEG reader reports damaged entropy-coded data as warnings and returns
            // an image with grey where the data was lost: not something to show the model.
            if (warned.get()) {
                throw new ImagingException(ImagingReason.CORRUPT_IMAGE, "the " + format
                        + " decoder reported damaged image data");
            }
            return RasterConverter.convert(image, metadataKeys);
        } catch (IOException | RuntimeException e) {
            throw new ImagingException(ImagingReason.CORRUPT_IMAGE, "ImageIO could not decode the "
                    + format + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            reader.dispose();
        }
    }
}
