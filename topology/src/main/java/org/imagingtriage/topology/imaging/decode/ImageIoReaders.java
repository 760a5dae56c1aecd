package org.imagingtriage.topology.imaging.decode;

import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.ImagingReason;

/**
 * Picks an ImageIO reader by its class, not by registration order. Plugins on the classpath
 * (TwelveMonkeys' JPEG reader, for DICOM's lossless JPEG) register ahead of the JDK's own, and
 * the first reader for "jpeg" is then one that handles some baseline files differently; every
 * caller here names the reader it was verified with.
 */
public final class ImageIoReaders {

    /** The JDK's JPEG reader: baseline, extended and progressive 8-bit. */
    public static final String JDK_JPEG = "com.sun.imageio.plugins.jpeg.JPEGImageReader";
    /** TwelveMonkeys' JPEG reader: used for lossless (SOF3) streams only. */
    public static final String TWELVEMONKEYS_JPEG = "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader";
    /** jai-imageio's JPEG 2000 reader (JJ2000). */
    public static final String JAI_JPEG_2000 = "com.github.jaiimageio.jpeg2000.impl.J2KImageReader";

    private ImageIoReaders() {
    }

    /**
     * A new reader for {@code formatName} of class {@code className}; the caller disposes it.
     *
     * @throws ImagingException UNSUPPORTED_FORMAT when no such reader is registered
     */
    public static ImageReader named(String formatName, String className) throws ImagingException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().equals(className)) {
                return reader;
            }
            reader.dispose();
        }
        throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "this Java runtime has no "
                + formatName.toUpperCase(Locale.ROOT) + " reader " + className);
    }

    /** The reader ImageIO decoding uses for {@code formatName}: the JDK's for JPEG, the first registered otherwise. */
    static ImageReader forFormat(String formatName) throws ImagingException {
        if ("jpeg".equalsIgnoreCase(formatName)) {
            return named("jpeg", JDK_JPEG);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        if (!readers.hasNext()) {
            throw new ImagingException(ImagingReason.UNSUPPORTED_FORMAT, "this Java runtime has no ImageIO reader for "
                    + formatName.toUpperCase(Locale.ROOT));
        }
        return readers.next();
    }
}
